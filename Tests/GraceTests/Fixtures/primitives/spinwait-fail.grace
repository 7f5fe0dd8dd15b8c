C spinwait-fail

(*
 * P0 sets the flag only if it sees go, and P1 sets go before spinning on the
 * flag: when P0 reads go before P1 writes it, P0 finishes without setting the
 * flag and P1 waits forever: deadlock (in that interleaving only).
 *
 * Expect: sc: violation deadlock
 *)

{
	int go = 0;
	int flag = 0;
}

P0(int *go, int *flag)
{
	int r0;

	r0 = READ_ONCE(*go);
	if (r0)
		WRITE_ONCE(*flag, 1);
}

P1(int *go, int *flag)
{
	WRITE_ONCE(*go, 1);
	while (!READ_ONCE(*flag))
		cpu_relax();
}
