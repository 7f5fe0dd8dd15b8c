C setbit-dec-pass

(*
 * The pair with P0's decrement fully ordered (atomic_dec_and_test(), as
 * pte_free_defer() v3 has it): its barrier orders SetPageActive() before
 * the decrement P1 reads, and P1's TestClearPageActive() is fully ordered
 * after its own decrement, so P1 reaching 0 sees PG_active.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Expect: lkmm: pass
 *)

{ struct page pg = { .pt_frag_refcount = 2 }; }

P0(struct page *pg)
{
	SetPageActive(pg);
	atomic_dec_and_test(&pg->pt_frag_refcount);
}

P1(struct page *pg)
{
	if (atomic_dec_and_test(&pg->pt_frag_refcount))
		BUG_ON(!TestClearPageActive(pg));
}
