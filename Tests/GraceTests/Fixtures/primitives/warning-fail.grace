C warning-fail

(*
 * P0 warns unless it holds the only extra reference: when P1's increment
 * comes first, P0's atomic_inc_return() gives 3 and WARN_ON fires.
 *
 * Expect: sc: violation warning
 *)

{
	atomic_t users = ATOMIC_INIT(1);
}

P0(atomic_t *users)
{
	int r0;

	r0 = atomic_inc_return(users);
	WARN_ON(r0 != 2);
	atomic_dec(users);
}

P1(atomic_t *users)
{
	atomic_inc(users);
	atomic_dec(users);
}
