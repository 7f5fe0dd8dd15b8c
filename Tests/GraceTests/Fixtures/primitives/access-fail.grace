C access-fail

(*
 * The same store-buffering threads, asking for an outcome that one
 * interleaving gives (P1 writes y and reads x=0, then P0 writes x and reads
 * y=1) and others do not, so the clause holds sometimes.
 *
 * Expect: sc: sometimes
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

exists (0:r0=1 /\ 1:r0=0)
