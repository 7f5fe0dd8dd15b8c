C atomic-fail

(*
 * The same two increments done as a plain load then a plain store: both
 * threads can load 0 before either stores, losing one increment, so x=1
 * holds sometimes.
 *
 * Expect: sc: sometimes
 *)

{
	int x = 0;
}

P0(int *x)
{
	int r0;

	r0 = *x;
	*x = r0 + 1;
}

P1(int *x)
{
	int r0;

	r0 = *x;
	*x = r0 + 1;
}

exists (x=1)
