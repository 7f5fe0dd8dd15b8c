C lock-pass

(*
 * Mutual exclusion: both threads increment x with a load and a store inside
 * the same spinlock (P0 with spin_lock, P1 with spin_lock_irqsave), so the
 * critical sections never interleave and no increment is lost.
 *
 * Expect: sc: never
 *)

{
	int x = 0;
	spinlock_t lock;
}

P0(int *x, spinlock_t *lock)
{
	int r0;

	spin_lock(lock);
	r0 = READ_ONCE(*x);
	WRITE_ONCE(*x, r0 + 1);
	spin_unlock(lock);
}

P1(int *x, spinlock_t *lock)
{
	int r0;
	unsigned long flags;

	spin_lock_irqsave(lock, flags);
	r0 = READ_ONCE(*x);
	WRITE_ONCE(*x, r0 + 1);
	spin_unlock_irqrestore(lock, flags);
}

exists (x=1)
