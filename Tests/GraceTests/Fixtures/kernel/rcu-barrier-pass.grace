C rcu-barrier-pass

(*
 * rcu_barrier() returns only after every callback queued before it has
 * run, even one already running in softirq: the module-unload pattern.
 *
 * Expect: sc: pass
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
	rcu_barrier();
	assert(READ_ONCE(*y) == 1);
}
