C softirq-at-bh-enable-fail

(*
 * The same task with preempt_disable()/preempt_enable() instead: re-enabling
 * preemption does not process softirqs, so the task can read done before
 * the callback has run.
 *
 * Expect: sc: violation assertion
 *)

{ struct page pg; int done = 0; }

void mark_done(struct rcu_head *head)
{
	WRITE_ONCE(done, 1);
}

P0(struct page *pg, int *done)
{
	call_rcu(&pg->rcu_head, mark_done);
	preempt_disable();
	preempt_enable();
	assert(READ_ONCE(*done) == 1);
}
