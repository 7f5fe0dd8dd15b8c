C softirq-at-bh-enable-pass

(*
 * local_bh_enable() runs pending softirqs synchronously: a callback whose
 * grace period is over when bh is re-enabled has run before the task goes
 * on. No CPU is reading when call_rcu() runs, so the callback is ready at
 * once; it runs either before local_bh_disable() or inside local_bh_enable().
 *
 * Expect: sc: pass
 *)

{ struct page pg; int done = 0; }

void mark_done(struct rcu_head *head)
{
	WRITE_ONCE(done, 1);
}

P0(struct page *pg, int *done)
{
	call_rcu(&pg->rcu_head, mark_done);
	local_bh_disable();
	local_bh_enable();
	assert(READ_ONCE(*done) == 1);
}
