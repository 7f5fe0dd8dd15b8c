C freequeued-pass

(*
 * A page whose rcu_head call_rcu() has queued is freed by the callback,
 * after the grace period: the head is dequeued before the callback runs.
 * P1 frees a page none of whose heads is queued.
 *
 * Expect: sc: pass
 *)

{
	struct page pg;
	struct page other;
}

void free_page_rcu(struct rcu_head *head)
{
	__free_page(container_of(head, struct page, rcu_head));
}

P0(struct page *pg)
{
	call_rcu(&pg->rcu_head, free_page_rcu);
}

P1(struct page *other)
{
	__free_page(other);
}
