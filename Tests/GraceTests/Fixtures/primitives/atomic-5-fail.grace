C atomic-5-fail

(*
 * The lookup checks the count with atomic_read() and then atomic_inc()s it:
 * the final put can drop the count to zero in between, and the lookup then
 * resurrects a dead object. The clause holds sometimes.
 *
 * Expect: sc: sometimes
 *)

{
	atomic_t refs = ATOMIC_INIT(1);
}

P0(atomic_t *refs)
{
	int r0;

	r0 = 0;
	if (atomic_read(refs) != 0) {
		atomic_inc(refs);
		r0 = 1;
	}
}

P1(atomic_t *refs)
{
	int r0;

	r0 = atomic_dec_and_test(refs);
}

exists (0:r0=1 /\ 1:r0=1)
