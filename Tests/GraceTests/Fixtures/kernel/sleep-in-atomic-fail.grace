C sleep-in-atomic-fail

(*
 * synchronize_rcu() under a spinlock sleeps in atomic context.
 *
 * Expect: sc: violation sleep-in-atomic
 *)

{ spinlock_t l; int x = 0; }

P0(spinlock_t *l, int *x)
{
	spin_lock(l);
	WRITE_ONCE(*x, 1);
	synchronize_rcu();
	spin_unlock(l);
}
