C bug-2-fail

(*
 * The same reordered writer, with the reader calling BUG() itself when it
 * sees flag without data: reachable in one interleaving, a bug.
 *
 * Expect: sc: violation bug
 *)

{
	int data = 0;
	int flag = 0;
}

P0(int *data, int *flag)
{
	WRITE_ONCE(*flag, 1);
	WRITE_ONCE(*data, 1);
}

P1(int *data, int *flag)
{
	int r0;
	int r1;

	r0 = READ_ONCE(*flag);
	r1 = READ_ONCE(*data);
	if (r0 == 1 && r1 == 0)
		BUG();
}
