C lifetime-3-fail

(*
 * P0 publishes a freshly allocated page and frees it without waiting: P1 can
 * load the pointer before the free and read the contents after it, a
 * use-after-free.
 *
 * Expect: sc: violation use-after-free
 *)

{
	struct page *slot = NULL;
}

P0(struct page **slot)
{
	struct page *pg;
	unsigned long *data;

	pg = alloc_page(GFP_KERNEL);
	data = page_address(pg);
	WRITE_ONCE(data[0], 1);
	smp_store_release(slot, pg);
	__free_page(pg);
}

P1(struct page **slot)
{
	struct page *pg;
	unsigned long *data;
	unsigned long r0;

	pg = smp_load_acquire(slot);
	if (pg) {
		data = page_address(pg);
		r0 = READ_ONCE(data[0]);
	}
}
