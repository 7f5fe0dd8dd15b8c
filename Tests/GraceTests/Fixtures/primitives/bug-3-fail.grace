C bug-3-fail

(*
 * The same reordered writer, checked with VM_BUG_ON(): reachable in one
 * interleaving, reported as a bug like BUG_ON.
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
	VM_BUG_ON(r0 == 1 && r1 == 0);
}
