C lock-2-fail

(*
 * P1 ignores a failed spin_trylock() and enters the critical section anyway
 * (unlocking only if it did get the lock): while P0 holds the lock, P1's
 * store of the owner lands inside P0's section and an assert fails.
 *
 * Expect: sc: violation assertion
 *)

{
	spinlock_t lock;
	int owner = 0;
}

P0()
{
	int r0;

	if (spin_trylock(&lock)) {
		WRITE_ONCE(owner, 1);
		r0 = READ_ONCE(owner);
		assert(r0 == 1);
		WRITE_ONCE(owner, 0);
		spin_unlock(&lock);
	}
}

P1()
{
	int locked;
	int r0;

	locked = spin_trylock(&lock);
	WRITE_ONCE(owner, 2);
	r0 = READ_ONCE(owner);
	assert(r0 == 2);
	WRITE_ONCE(owner, 0);
	if (locked)
		spin_unlock(&lock);
}
