C lock-6-pass

(*
 * A helper takes the lock and returns with it held, and its caller releases
 * it: lock ownership follows the thread across the call, the increments stay
 * mutually exclusive and x=1 never holds.
 *
 * Expect: sc: never
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
	spin_unlock(lock);
}

P1(spinlock_t *lock, int *x)
{
	int r0;

	spin_lock(lock);
	r0 = READ_ONCE(*x);
	WRITE_ONCE(*x, r0 + 1);
	spin_unlock(lock);
}

exists (x=1)
