C lock-6-fail

(*
 * P0's helper takes the lock and P0 forgets to release it: if P0 gets the
 * lock first, P1 can never take it and the model cannot finish: deadlock
 * (in the other order both threads finish).
 *
 * Expect: sc: violation deadlock
 *)

{
	spinlock_t lock;
	int x = 0;
}

int lock_and_read(spinlock_t *l, int *p)
{
	spin_lock(l);
	return READ_ONCE(*p);
}

P0(spinlock_t *lock, int *x)
{
	int r0;

	r0 = lock_and_read(lock, x);
	WRITE_ONCE(*x, r0 + 1);
}

P1(spinlock_t *lock, int *x)
{
	int r0;

	spin_lock(lock);
	r0 = READ_ONCE(*x);
	WRITE_ONCE(*x, r0 + 1);
	spin_unlock(lock);
}
