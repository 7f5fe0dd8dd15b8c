C rcu-4-fail

(*
 * Two threads queue the same rcu_head: unless the first callback has already
 * run, the second call_rcu() finds the head still queued (it would corrupt
 * the callback list): rcu-head reuse.
 *
 * Expect: sc: violation rcu-head-reuse
 *)

{
	struct rcu_head rh;
	atomic_t runs = ATOMIC_INIT(0);
}

void count_rcu(struct rcu_head *head)
{
	atomic_inc(&runs);
}

P0(struct rcu_head *rh)
{
	call_rcu(rh, count_rcu);
}

P1(struct rcu_head *rh)
{
	call_rcu(rh, count_rcu);
}
