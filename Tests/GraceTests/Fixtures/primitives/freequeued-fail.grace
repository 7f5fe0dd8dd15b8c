C freequeued-fail

(*
 * A page freed while its rcu_head is still queued: the RCU core would
 * later call the callback through the freed page (whose rcu_head the
 * buddy allocator has overwritten).  P0 queues the page's head and frees
 * the page at once instead of in the callback.
 *
 * Expect: sc: violation use-after-free
 *)

{
	struct page pg;
	int calls = 0;
}

void count_call(struct rcu_head *head)
{
	WRITE_ONCE(calls, 1);
}

P0(struct page *pg)
{
	call_rcu(&pg->rcu_head, count_call);
	__free_page(pg);
}
