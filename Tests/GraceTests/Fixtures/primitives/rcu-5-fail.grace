C rcu-5-fail

(*
 * P0 calls synchronize_rcu() inside its own read-side critical section: the
 * grace period waits for P0's reader to end, and P0 cannot end it while it
 * waits for the grace period: deadlock.
 *
 * Expect: sc: violation deadlock
 *)

{
	int x = 0;
}

P0(int *x)
{
	int r0;

	rcu_read_lock();
	r0 = READ_ONCE(*x);
	synchronize_rcu();
	rcu_read_unlock();
}

P1(int *x)
{
	rcu_read_lock();
	WRITE_ONCE(*x, 1);
	rcu_read_unlock();
}
