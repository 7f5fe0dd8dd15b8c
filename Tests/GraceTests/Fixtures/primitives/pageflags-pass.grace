C pageflags-pass

(*
 * PG_active as an ownership token: P0 marks the page active, then both
 * threads race to clear it with TestClearPageActive() / folio_test_clear_active();
 * the clear is one fully ordered RMW, so exactly one thread sees the flag set
 * and frees the page, with PG_active already clear.
 *
 * Expect: sc: pass
 *)

{
	struct page pg;
	int ready = 0;
}

P0(struct page *pg, int *ready)
{
	SetPageActive(pg);
	smp_store_release(ready, 1);
	if (TestClearPageActive(pg))
		__free_page(pg);
}

P1(struct page *pg, int *ready)
{
	while (!smp_load_acquire(ready))
		cpu_relax();
	if (folio_test_clear_active(pg))
		__free_page(pg);
}
