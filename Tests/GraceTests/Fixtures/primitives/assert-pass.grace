C assert-pass

(*
 * P0 moves one unit from a to b inside the lock; P1 reads both inside the
 * same lock, so it sees either before or after the move and the sum is
 * always 10.
 *
 * Expect: sc: pass
 *)

{
	int a = 6;
	int b = 4;
	spinlock_t lock;
}

P0(int *a, int *b, spinlock_t *lock)
{
	spin_lock(lock);
	WRITE_ONCE(*a, READ_ONCE(*a) - 1);
	WRITE_ONCE(*b, READ_ONCE(*b) + 1);
	spin_unlock(lock);
}

P1(int *a, int *b, spinlock_t *lock)
{
	int r0;
	int r1;

	spin_lock(lock);
	r0 = READ_ONCE(*a);
	r1 = READ_ONCE(*b);
	spin_unlock(lock);
	assert(r0 + r1 == 10);
}
