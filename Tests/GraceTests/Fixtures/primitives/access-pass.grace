C access-pass

(*
 * Store buffering with marked accesses: under sequential consistency one of
 * the two WRITE_ONCE()s comes first in the interleaving, so the other thread's
 * later READ_ONCE() sees it and both reads can never return 0.
 *
 * Expect: sc: never
 *)

{}

P0(int *x, int *y)
{
	int r0;

	WRITE_ONCE(*x, 1);
	r0 = READ_ONCE(*y);
}

P1(int *x, int *y)
{
	int r0;

	WRITE_ONCE(*y, 1);
	r0 = READ_ONCE(*x);
}

exists (0:r0=0 /\ 1:r0=0)
