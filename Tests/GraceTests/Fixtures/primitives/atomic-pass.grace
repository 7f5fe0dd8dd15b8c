C atomic-pass

(*
 * Two atomic_inc() on an atomic_t initialised with ATOMIC_INIT(0): each is
 * one indivisible read-modify-write, so no increment is lost and every final
 * state has v=2.
 *
 * Expect: sc: always
 *)

{
	atomic_t v = ATOMIC_INIT(0);
}

P0(atomic_t *v)
{
	atomic_inc(v);
}

P1(atomic_t *v)
{
	atomic_inc(v);
}

exists (v=2)
