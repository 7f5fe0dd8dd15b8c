C setbit-dec-fail

(*
 * PROTOCOLS.md 2.6 in miniature: P0 sets PG_active with a relaxed
 * SetPageActive() and then drops its reference with a relaxed decrement;
 * P1 drops the last one and tests the flag with the fully ordered
 * TestClearPageActive().  Under sc and tso (a locked decrement drains the
 * store buffer, and x86 keeps stores in order) P1 reaching 0 sees the
 * flag; under lkmm P0's two RMWs are unordered, so P1 can read P0's
 * decrement and still miss PG_active.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Expect: lkmm: violation bug
 *)

{ struct page pg = { .pt_frag_refcount = 2 }; }

P0(struct page *pg)
{
	SetPageActive(pg);
	atomic_dec_return_relaxed(&pg->pt_frag_refcount);
}

P1(struct page *pg)
{
	if (atomic_dec_return_relaxed(&pg->pt_frag_refcount) == 0)
		BUG_ON(!TestClearPageActive(pg));
}
