C mutex-2-fail

(*
 * mutex_lock() sleeps: taking a mutex under a spinlock is
 * sleep-in-atomic, whether or not the mutex is free.
 *
 * Expect: sc: violation sleep-in-atomic
 *)

{
	struct mutex lock;
	spinlock_t spin;
}

P0(struct mutex *lock, spinlock_t *spin)
{
	spin_lock(spin);
	mutex_lock(lock);
	mutex_unlock(lock);
	spin_unlock(spin);
}
