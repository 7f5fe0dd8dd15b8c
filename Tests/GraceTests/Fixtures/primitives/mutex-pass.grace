C mutex-pass

(*
 * struct mutex: mutex_lock() and mutex_unlock() make two increments
 * mutually exclusive; mutex_trylock() takes the mutex only when it is
 * free; mutex_is_locked() sees it held.  A mutex holder may sleep: P0
 * calls might_sleep() while holding it.  P1 also initialises a mutex of
 * its own with mutex_init() and takes it.
 *
 * Expect: sc: never
 *)

{
	struct mutex lock;
	struct mutex own;
	int count = 0;
}

P0(struct mutex *lock, int *count)
{
	mutex_lock(lock);
	might_sleep();
	WRITE_ONCE(*count, READ_ONCE(*count) + 1);
	mutex_unlock(lock);
}

P1(struct mutex *lock, struct mutex *own, int *count)
{
	int r0 = 0;

	mutex_init(own);
	mutex_lock(own);
	mutex_unlock(own);

	if (mutex_trylock(lock)) {
		r0 = mutex_is_locked(lock);
		WRITE_ONCE(*count, READ_ONCE(*count) + 1);
		mutex_unlock(lock);
	}
}

exists (count=1 /\ 1:r0=1)
