C rcu-head-requeue-pass

(*
 * A callback that queues its own rcu_head once more: legal, the head is
 * dequeued before the callback runs (SPEC 2.4).
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Expect: lkmm: pass
 *)

{ struct page pg; }

void again(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	if (READ_ONCE(page->index) == 0) {
		WRITE_ONCE(page->index, 1);
		call_rcu(head, again);
	}
}

P0(struct page *pg)
{
	call_rcu(&pg->rcu_head, again);
}
