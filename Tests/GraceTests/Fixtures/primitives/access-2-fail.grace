C access-2-fail

(*
 * The same plain accesses: P1's two reads can fall on either side of P0's
 * second store, reading 1 then 2, in some interleavings only, so the clause
 * holds sometimes.
 *
 * Expect: sc: sometimes
 *)

{
	x = 0;
}

P0(int *x)
{
	*x = 1;
	*x = 2;
}

P1(int *x)
{
	int r0;
	int r1;

	r0 = *x;
	r1 = *x;
}

exists (1:r0=1 /\ 1:r1=2)
