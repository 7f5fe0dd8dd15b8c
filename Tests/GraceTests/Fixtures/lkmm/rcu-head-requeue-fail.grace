C rcu-head-requeue-fail

(*
 * call_rcu() twice on one rcu_head: the second call can come while the
 * head is still queued (before the callback ran), which corrupts the
 * callback list.
 *
 * Expect: sc: violation rcu-head-reuse
 * Expect: tso: violation rcu-head-reuse
 * Expect: lkmm: violation rcu-head-reuse
 *)

{ struct page pg; }

void done(struct rcu_head *head)
{
}

P0(struct page *pg)
{
	call_rcu(&pg->rcu_head, done);
}

P1(struct page *pg)
{
	call_rcu(&pg->rcu_head, done);
}
