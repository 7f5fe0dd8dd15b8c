C lock-5-pass

(*
 * Both threads take lock a before lock b (spin_lock_bh for the outer one in
 * P1), so there is no cycle in the lock order and every interleaving
 * finishes.
 *
 * Expect: sc: pass
 *)

{
	spinlock_t a;
	spinlock_t b;
	int x = 0;
}

P0(spinlock_t *a, spinlock_t *b, int *x)
{
	spin_lock(a);
	spin_lock(b);
	WRITE_ONCE(*x, 1);
	spin_unlock(b);
	spin_unlock(a);
}

P1(spinlock_t *a, spinlock_t *b, int *x)
{
	spin_lock_bh(a);
	spin_lock(b);
	WRITE_ONCE(*x, 2);
	spin_unlock(b);
	spin_unlock_bh(a);
}
