C atomic-5-pass

(*
 * Lookup against final put: atomic_inc_not_zero() never takes a reference on
 * an object whose count atomic_dec_and_test() has taken to zero, so "lookup
 * got a reference" and "put saw zero" never both hold.
 *
 * Expect: sc: never
 *)

{
	atomic_t refs = ATOMIC_INIT(1);
}

P0(atomic_t *refs)
{
	int r0;

	r0 = atomic_inc_not_zero(refs);
}

P1(atomic_t *refs)
{
	int r0;

	r0 = atomic_dec_and_test(refs);
}

exists (0:r0=1 /\ 1:r0=1)
