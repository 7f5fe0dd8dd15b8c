C lifetime-pass

(*
 * A page declared in the init block starts allocated; P0 writes and reads its
 * contents through page_address() and then signals done; P1 frees the page
 * only after it has seen done, so no access can follow the free.
 *
 * Expect: sc: pass
 *)

{
	struct page pg;
	int done = 0;
}

P0(struct page *pg, int *done)
{
	unsigned long *data;
	unsigned long r0;

	data = page_address(pg);
	WRITE_ONCE(data[1], 5);
	r0 = READ_ONCE(data[1]);
	assert(r0 == 5);
	smp_store_release(done, 1);
}

P1(struct page *pg, int *done)
{
	while (!smp_load_acquire(done))
		cpu_relax();
	__free_page(pg);
}
