C mutex-fail

(*
 * mutex_unlock() of a mutex the context does not hold: P1 releases the
 * mutex P0 took.  A mutex has an owner; unlocking it from another context
 * is a bug the kernel's mutex debugging reports.
 *
 * Expect: sc: violation unlock-unheld
 *)

{
	struct mutex lock;
	int taken = 0;
}

P0(struct mutex *lock, int *taken)
{
	mutex_lock(lock);
	smp_store_release(taken, 1);
}

P1(struct mutex *lock, int *taken)
{
	if (smp_load_acquire(taken))
		mutex_unlock(lock);
}
