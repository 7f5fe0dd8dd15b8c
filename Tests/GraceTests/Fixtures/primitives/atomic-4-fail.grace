C atomic-4-fail

(*
 * The same xors: when P1 goes first it gets the new value 1 and P0 then gets
 * 0, so this outcome holds sometimes (with an old-value result it could never
 * hold, since P1 would get 3).
 *
 * Expect: sc: sometimes
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

exists (0:r0=0 /\ 1:r0=1 /\ v=0)
