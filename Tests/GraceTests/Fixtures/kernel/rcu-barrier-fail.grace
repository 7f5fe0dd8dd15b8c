C rcu-barrier-fail

(*
 * synchronize_rcu() is no rcu_barrier(): it waits for a grace period, not
 * for the callbacks queued before it, which may not have run yet.
 *
 * Expect: sc: violation assertion
 *)

{ struct page pg; int x = 0; int y = 0; int queued = 0; }

void cb(struct rcu_head *head)
{
	WRITE_ONCE(x, 1);
	WRITE_ONCE(y, 1);
}

P0(struct page *pg, int *queued)
{
	call_rcu(&pg->rcu_head, cb);
	WRITE_ONCE(*queued, 1);
}

P1(int *queued, int *y)
{
	while (!READ_ONCE(*queued))
		cpu_relax();
	synchronize_rcu();
	assert(READ_ONCE(*y) == 1);
}
