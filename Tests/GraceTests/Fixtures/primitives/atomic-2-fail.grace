C atomic-2-fail

(*
 * atomic_dec() followed by a separate atomic_read() is not a dec-and-test:
 * both threads can decrement before either reads, and then both see zero
 * (both would free the object). The clause holds sometimes.
 *
 * Expect: sc: sometimes
 *)

{
	atomic_t v = ATOMIC_INIT(2);
}

P0(atomic_t *v)
{
	int r0;

	atomic_dec(v);
	r0 = (atomic_read(v) == 0);
}

P1(atomic_t *v)
{
	int r0;

	atomic_dec(v);
	r0 = (atomic_read(v) == 0);
}

exists (0:r0=1 /\ 1:r0=1)
