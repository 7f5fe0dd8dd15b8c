C rcu-5-pass

(*
 * P0 leaves its own (nested) read-side critical section before
 * synchronize_rcu(), which then only waits for P1's reader to end: every
 * interleaving finishes.
 *
 * Expect: sc: pass
 *)

{
	int x = 0;
}

P0(int *x)
{
	int r0;

	rcu_read_lock();
	rcu_read_lock();
	r0 = READ_ONCE(*x);
	rcu_read_unlock();
	rcu_read_unlock();
	synchronize_rcu();
}

P1(int *x)
{
	rcu_read_lock();
	WRITE_ONCE(*x, 1);
	rcu_read_unlock();
}
