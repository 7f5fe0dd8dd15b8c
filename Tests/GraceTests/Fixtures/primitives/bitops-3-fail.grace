C bitops-3-fail

(*
 * P1 releases the bit lock with clear_bit_unlock() before its store: P0 can
 * take the lock, load the same old value and store, and P1's late store then
 * loses P0's increment. x=1 holds sometimes.
 *
 * Expect: sc: sometimes
 *)

{
	unsigned long lockword = 0;
	int x = 0;
}

P0(unsigned long *lockword, int *x)
{
	int r0;

	while (test_and_set_bit_lock(0, lockword))
		cpu_relax();
	r0 = READ_ONCE(*x);
	WRITE_ONCE(*x, r0 + 1);
	clear_bit_unlock(0, lockword);
}

P1(unsigned long *lockword, int *x)
{
	int r0;

	while (test_and_set_bit_lock(0, lockword))
		cpu_relax();
	r0 = READ_ONCE(*x);
	clear_bit_unlock(0, lockword);
	WRITE_ONCE(*x, r0 + 1);
}

exists (x=1)
