C lock-pass

(*
 * A lock hands data over: each CPU writes and reads inside the same lock.
 * spin_unlock() is a buffered release store, but the next spin_lock() can
 * take the lock only once that store reached memory, and the FIFO buffer
 * wrote the data before it: the second holder reads the first one's write.
 *
 * Expect: sc: never
 * Expect: tso: never
 *)

{ spinlock_t l; int x = 0; int y = 0; }

P0(spinlock_t *l, int *x, int *y)
{
	int r0;

	spin_lock(l);
	WRITE_ONCE(*x, 1);
	r0 = READ_ONCE(*y);
	spin_unlock(l);
}

P1(spinlock_t *l, int *x, int *y)
{
	int r1;

	spin_lock(l);
	WRITE_ONCE(*y, 1);
	r1 = READ_ONCE(*x);
	spin_unlock(l);
}

exists (0:r0=0 /\ 1:r1=0)
