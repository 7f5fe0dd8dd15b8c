C access-3-fail

(*
 * Now P1 repoints p at y: whether P0's store through the loaded pointer lands
 * in x depends on whether P0 loads p before or after P1's store, so the
 * clause holds sometimes, not always.
 *
 * Expect: sc: sometimes
 *)

{
	int x = 0;
	int y = 0;
	int *p = &x;
}

P0(int **p)
{
	int *r0;

	r0 = READ_ONCE(*p);
	WRITE_ONCE(*r0, 1);
}

P1(int **p, int *y)
{
	WRITE_ONCE(*p, y);
}

exists (x=1 /\ 0:r0=x)
