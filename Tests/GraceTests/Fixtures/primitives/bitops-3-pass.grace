C bitops-3-pass

(*
 * A bit spinlock: test_and_set_bit_lock() spins until it finds bit 0 clear,
 * clear_bit_unlock() releases it, and the load-increment-store of x inside is
 * therefore never interleaved, so no increment is lost.
 *
 * Expect: sc: never
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
	WRITE_ONCE(*x, r0 + 1);
	clear_bit_unlock(0, lockword);
}

exists (x=1)
