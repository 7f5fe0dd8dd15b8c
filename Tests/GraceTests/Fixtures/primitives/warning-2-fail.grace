C warning-2-fail

(*
 * P0 expects its drop to bring the count back to the base 1: when P1 holds
 * its extra reference at that moment, atomic_dec_return() gives 2 and
 * WARN_ON_ONCE fires.
 *
 * Expect: sc: violation warning
 *)

{
	atomic_t users = ATOMIC_INIT(1);
}

P0(atomic_t *users)
{
	int r1;

	atomic_inc(users);
	r1 = atomic_dec_return(users);
	if (WARN_ON_ONCE(r1 != 1))
		return;
}

P1(atomic_t *users)
{
	atomic_inc(users);
	atomic_dec(users);
}
