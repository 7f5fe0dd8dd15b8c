C callback-sees-store-pass

(*
 * A store before call_rcu() is visible to the callback (SPEC 2.4): the
 * callback thread's first event reads call_rcu's release write of the
 * queued mark, so the store happens before every event of the callback.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Expect: lkmm: pass
 *)

{ struct page pg; }

void check_index(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	BUG_ON(READ_ONCE(page->index) != 1);
}

P0(struct page *pg)
{
	WRITE_ONCE(pg->index, 1);
	call_rcu(&pg->rcu_head, check_index);
}
