C bug-fail

(*
 * P0 now writes flag before data: P1 can read flag=1 between the two stores
 * and then data=0, and its BUG_ON fires (in that interleaving only).
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
	BUG_ON(r0 == 1 && r1 == 0);
}
