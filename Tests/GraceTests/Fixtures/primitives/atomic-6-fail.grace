C atomic-6-fail

(*
 * One atomic_cmpxchg() attempt without a retry loop: if both threads read 0,
 * the second cmpxchg fails (the value is no longer 0) and writes nothing, so
 * one increment is lost and v=1 holds sometimes.
 *
 * Expect: sc: sometimes
 *)

{
	atomic_t v = ATOMIC_INIT(0);
}

P0(atomic_t *v)
{
	int old;
	int r0;

	old = atomic_read(v);
	r0 = atomic_cmpxchg(v, old, old + 1);
}

P1(atomic_t *v)
{
	int old;
	int r0;

	old = atomic_read(v);
	r0 = atomic_cmpxchg(v, old, old + 1);
}

exists (v=1)
