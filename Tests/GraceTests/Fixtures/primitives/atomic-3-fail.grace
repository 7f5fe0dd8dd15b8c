C atomic-3-fail

(*
 * atomic_inc_return() returns the value after its own increment, which
 * includes any increment that came before it: when P1 increments first, P0
 * gets 2 and its assert fails (only in that interleaving).
 *
 * Expect: sc: violation assertion
 *)

{
	atomic_t v = ATOMIC_INIT(0);
}

P0(atomic_t *v)
{
	int r0;

	r0 = atomic_inc_return(v);
	assert(r0 == 1);
}

P1(atomic_t *v)
{
	atomic_inc(v);
}
