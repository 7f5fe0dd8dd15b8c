C callback-sees-store-fail

(*
 * The store comes after call_rcu(): nothing makes the callback wait for
 * it.  Under every memory model the callback can run (in softirq, at an
 * interruption point of P0, or on the graph explorer as a thread of its
 * own) before the store, and the BUG fires.
 *
 * Expect: sc: violation bug
 * Expect: tso: violation bug
 * Expect: lkmm: violation bug
 *)

{ struct page pg; }

void check_index(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	BUG_ON(READ_ONCE(page->index) != 1);
}

P0(struct page *pg)
{
	call_rcu(&pg->rcu_head, check_index);
	WRITE_ONCE(pg->index, 1);
}
