C access-3-pass

(*
 * A pointer initialised in the init block (int *p = &x) is loaded with
 * READ_ONCE() and stored through; nobody changes p and only P1 writes y,
 * so every final state has x=1, y=2, P0's register pointing at x and P1
 * reading back its own store: the clause always holds.
 *
 * Expect: sc: always
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

P1(int *y)
{
	int r0;

	WRITE_ONCE(*y, 2);
	r0 = READ_ONCE(*y);
}

exists (x=1 /\ y=2 /\ 0:r0=x /\ 1:r0=2)
