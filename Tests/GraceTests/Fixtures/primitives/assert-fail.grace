C assert-fail

(*
 * P1 reads a and b without the lock: it can read a before the move and b
 * after it, see 11, and its assert fails (in that interleaving only).
 *
 * Expect: sc: violation assertion
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

P1(int *a, int *b)
{
	int r0;
	int r1;

	r0 = READ_ONCE(*a);
	r1 = READ_ONCE(*b);
	assert(r0 + r1 == 10);
}
