C mutex-3-fail

(*
 * mutex_trylock() that fails is ignored: P1 goes on to mutex_unlock() a
 * mutex it did not take, while P0 holds it: unlock-unheld.  (When the
 * trylock succeeds, P0 waits in mutex_lock() and all is well.)
 *
 * Expect: sc: violation unlock-unheld
 *)

{
	struct mutex lock;
	int count = 0;
}

P0(struct mutex *lock, int *count)
{
	mutex_lock(lock);
	WRITE_ONCE(*count, READ_ONCE(*count) + 1);
	mutex_unlock(lock);
}

P1(struct mutex *lock, int *count)
{
	mutex_trylock(lock);			/* result not checked */
	WRITE_ONCE(*count, READ_ONCE(*count) + 1);
	mutex_unlock(lock);
}
