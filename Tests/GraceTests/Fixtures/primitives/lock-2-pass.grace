C lock-2-pass

(*
 * spin_trylock() either takes the lock (and spin_is_locked() then reports
 * it held) or fails and the thread skips the critical section, so inside the
 * section each thread always reads back the owner it wrote.
 *
 * Expect: sc: pass
 *)

{
	spinlock_t lock;
	int owner = 0;
}

P0()
{
	int r0;

	if (spin_trylock(&lock)) {
		assert(spin_is_locked(&lock));
		WRITE_ONCE(owner, 1);
		r0 = READ_ONCE(owner);
		assert(r0 == 1);
		WRITE_ONCE(owner, 0);
		spin_unlock(&lock);
	}
}

P1()
{
	int r0;

	if (spin_trylock(&lock)) {
		assert(spin_is_locked(&lock));
		WRITE_ONCE(owner, 2);
		r0 = READ_ONCE(owner);
		assert(r0 == 2);
		WRITE_ONCE(owner, 0);
		spin_unlock(&lock);
	}
}
