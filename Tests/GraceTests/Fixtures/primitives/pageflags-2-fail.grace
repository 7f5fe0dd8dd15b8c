C pageflags-2-fail

(*
 * P0 marks the page active and hands it over; P1 frees it without clearing
 * PG_active first, and the allocator's free-time check reports a bad page
 * state.
 *
 * Expect: sc: violation bad-page-state
 *)

{
	struct page pg;
	int ready = 0;
}

P0(struct page *pg, int *ready)
{
	folio_set_active(pg);
	smp_store_release(ready, 1);
}

P1(struct page *pg, int *ready)
{
	while (!smp_load_acquire(ready))
		cpu_relax();
	__free_page(pg);
}
