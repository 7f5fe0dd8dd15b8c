C lifetime-3-pass

(*
 * P0 allocates a page with alloc_page(GFP_KERNEL), publishes it with a
 * release store and frees it only after P1 says it is done reading; P1 also
 * allocates its own buffer with __get_free_page() and frees it with
 * free_page(addr). The allocator may hand either freed page back to the other
 * allocation, which is a new lifetime and harmless.
 *
 * Expect: sc: pass
 *)

{
	struct page *slot = NULL;
	int done = 0;
}

P0(struct page **slot, int *done)
{
	struct page *pg;
	unsigned long *data;

	pg = alloc_page(GFP_KERNEL);
	data = page_address(pg);
	WRITE_ONCE(data[0], 1);
	smp_store_release(slot, pg);
	while (!smp_load_acquire(done))
		cpu_relax();
	__free_page(pg);
}

P1(struct page **slot, int *done)
{
	struct page *pg;
	unsigned long *data;
	unsigned long addr;
	unsigned long *buf;
	unsigned long r0;

	addr = __get_free_page(GFP_KERNEL);
	buf = (unsigned long *)addr;
	WRITE_ONCE(buf[0], 7);
	pg = smp_load_acquire(slot);
	if (pg) {
		data = page_address(pg);
		r0 = READ_ONCE(data[0]);
		assert(r0 == 1);
	}
	smp_store_release(done, 1);
	free_page(addr);
}
