C bug-pass

(*
 * Message passing: P0 writes data before flag, so a reader that sees flag=1
 * always sees data=1. The BUG_ON, VM_BUG_ON and BUG() below test conditions
 * that no interleaving makes true.
 *
 * Expect: sc: pass
 *)

{
	int data = 0;
	int flag = 0;
}

P0(int *data, int *flag)
{
	WRITE_ONCE(*data, 1);
	WRITE_ONCE(*flag, 1);
}

P1(int *data, int *flag)
{
	int r0;
	int r1;

	r0 = READ_ONCE(*flag);
	r1 = READ_ONCE(*data);
	BUG_ON(r0 == 1 && r1 == 0);
	VM_BUG_ON(r0 > 1 || r1 > 1);
	if (r0 < 0)
		BUG();
}
