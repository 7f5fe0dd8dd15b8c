C lock-fail

(*
 * The same increments without the lock: both threads can load 0 before
 * either stores, so x=1 holds sometimes.
 *
 * Expect: sc: sometimes
 *)

{
	int x = 0;
}

P0(int *x)
{
	int r0;

	r0 = READ_ONCE(*x);
	WRITE_ONCE(*x, r0 + 1);
}

P1(int *x)
{
	int r0;

	r0 = READ_ONCE(*x);
	WRITE_ONCE(*x, r0 + 1);
}

exists (x=1)
