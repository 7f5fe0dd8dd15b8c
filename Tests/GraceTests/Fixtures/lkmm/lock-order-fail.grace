C lock-order-fail

(*
 * Two locks taken in opposite orders (ABBA): when each thread holds its
 * first lock, both spin for ever.  A model without a final condition
 * reports the deadlock under every memory model.
 *
 * Expect: sc: violation deadlock
 * Expect: tso: violation deadlock
 * Expect: lkmm: violation deadlock
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
	spin_lock(b);
	spin_lock(a);
	WRITE_ONCE(*x, 2);
	spin_unlock(a);
	spin_unlock(b);
}
