C lock-order-pass

(*
 * The same two locks taken in one order by both threads: no execution
 * blocks for ever.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Expect: lkmm: pass
 *)

{}

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
	spin_lock(a);
	spin_lock(b);
	WRITE_ONCE(*x, 2);
	spin_unlock(b);
	spin_unlock(a);
}
