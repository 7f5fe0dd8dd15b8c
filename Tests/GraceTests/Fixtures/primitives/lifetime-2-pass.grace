C lifetime-2-pass

(*
 * Two users share a page table page, each touches its pte and drops its
 * reference with atomic_dec_and_test(): exactly one sees zero and calls
 * pagetable_free(), after both have finished with the contents.
 *
 * Expect: sc: pass
 *)

{
	struct page pt;
	atomic_t users = ATOMIC_INIT(2);
}

P0(struct page *pt, atomic_t *users)
{
	unsigned long *ptes;

	ptes = page_address(pt);
	WRITE_ONCE(ptes[0], 0);
	if (atomic_dec_and_test(users))
		pagetable_free(pt);
}

P1(struct page *pt, atomic_t *users)
{
	unsigned long *ptes;

	ptes = page_address(pt);
	WRITE_ONCE(ptes[2], 0);
	if (atomic_dec_and_test(users))
		pagetable_free(pt);
}
