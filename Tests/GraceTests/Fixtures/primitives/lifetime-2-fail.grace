C lifetime-2-fail

(*
 * The reference is dropped with atomic_dec() and tested with a separate
 * atomic_read(): both threads can decrement before either reads, both see
 * zero and both free the page.
 *
 * Expect: sc: violation double-free
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
	atomic_dec(users);
	if (atomic_read(users) == 0)
		pagetable_free(pt);
}

P1(struct page *pt, atomic_t *users)
{
	unsigned long *ptes;

	ptes = page_address(pt);
	WRITE_ONCE(ptes[2], 0);
	atomic_dec(users);
	if (atomic_read(users) == 0)
		pagetable_free(pt);
}
