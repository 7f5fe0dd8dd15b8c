C atomic-2-pass

(*
 * Two atomic_dec_and_test() from 2: the decrements are totally ordered and
 * only the second reaches zero, so exactly one thread sees true; neither
 * "both" nor "neither" is ever possible.
 *
 * Expect: sc: never
 *)

{
	atomic_t v = ATOMIC_INIT(2);
}

P0(atomic_t *v)
{
	int r0;

	r0 = atomic_dec_and_test(v);
}

P1(atomic_t *v)
{
	int r0;

	r0 = atomic_dec_and_test(v);
}

exists ((0:r0=1 /\ 1:r0=1) \/ (0:r0=0 /\ 1:r0=0))
