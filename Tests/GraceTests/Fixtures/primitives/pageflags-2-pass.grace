C pageflags-2-pass

(*
 * Every page-flag primitive reads and writes the PG_active bit of page->flags
 * (PG_active is a bit number, as in the kernel), and a page is freed only after
 * its flag is cleared, so the free-time check never fires. P1 clears the flag
 * P0 set before freeing the page, after a release/acquire handshake.
 *
 * Expect: sc: pass
 *)

{
	struct page pg;
	struct page pg2;
	int ready = 0;
}

P0(struct page *pg, struct page *pg2, int *ready)
{
	int r0;

	SetPageActive(pg);
	assert(PageActive(pg));
	assert(test_bit(PG_active, &pg->flags));
	ClearPageActive(pg);
	assert(!PageActive(pg));
	folio_set_active(pg);
	r0 = TestClearPageActive(pg);
	assert(r0);
	r0 = TestClearPageActive(pg);
	assert(!r0);
	__free_page(pg);
	set_bit(PG_active, &pg2->flags);
	smp_store_release(ready, 1);
}

P1(struct page *pg2, int *ready)
{
	int r0;

	while (!smp_load_acquire(ready))
		cpu_relax();
	assert(PageActive(pg2));
	r0 = folio_test_clear_active(pg2);
	assert(r0 && !test_bit(PG_active, &pg2->flags));
	__free_page(pg2);
}
