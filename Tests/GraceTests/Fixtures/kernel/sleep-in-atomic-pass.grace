C sleep-in-atomic-pass

(*
 * synchronize_rcu() may sleep: called with no lock held it is fine.
 *
 * Expect: sc: pass
 *)

{ spinlock_t l; int x = 0; }

P0(spinlock_t *l, int *x)
{
	spin_lock(l);
	WRITE_ONCE(*x, 1);
	spin_unlock(l);
	synchronize_rcu();
}
