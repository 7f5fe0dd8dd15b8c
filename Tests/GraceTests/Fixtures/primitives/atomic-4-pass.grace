C atomic-4-pass

(*
 * atomic_xor_bits() is one indivisible xor that returns the NEW value. From
 * 3, P0 clears bit 0 and P1 bit 1: the first returns the other's bit, the
 * second returns 0. An old-value result (3), two zeros, or a lost update
 * (2 and 1) never happens.
 *
 * Expect: sc: never
 *)

{
	atomic_t v = ATOMIC_INIT(3);
}

P0(atomic_t *v)
{
	int r0;

	r0 = atomic_xor_bits(v, 1);
}

P1(atomic_t *v)
{
	int r0;

	r0 = atomic_xor_bits(v, 2);
}

exists (0:r0=3 \/ 1:r0=3 \/ (0:r0=0 /\ 1:r0=0) \/ (0:r0=2 /\ 1:r0=1))
