C access-2-pass

(*
 * Read-read coherence with plain C accesses and a herd7-style init block:
 * P0 stores 1 then 2 to x, so once P1 has read 2 its later read cannot go
 * back to 1; the clause never holds.
 *
 * Expect: sc: never
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

exists (1:r0=2 /\ 1:r1=1)
