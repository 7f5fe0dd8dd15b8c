C warning-pass

(*
 * Each thread takes a reference on top of the base reference and drops it
 * again: atomic_inc_return() always gives at least 2 and atomic_dec_return()
 * at least 1, so the WARN_ON and WARN_ON_ONCE (whose value is the
 * condition) never fire.
 *
 * Expect: sc: pass
 *)

{
	atomic_t users = ATOMIC_INIT(1);
}

P0(atomic_t *users)
{
	int r0;
	int r1;

	r0 = atomic_inc_return(users);
	WARN_ON(r0 < 2);
	r1 = atomic_dec_return(users);
	if (WARN_ON_ONCE(r1 < 1))
		return;
}

P1(atomic_t *users)
{
	int r0;
	int r1;

	r0 = atomic_inc_return(users);
	WARN_ON(r0 < 2);
	r1 = atomic_dec_return(users);
	if (WARN_ON_ONCE(r1 < 1))
		return;
}
