C condload-fail

(*
 * smp_cond_load_acquire() whose condition no store can make true: the
 * writer stores 1, the waiter waits for 2, and is blocked for ever.
 *
 * Expect: sc: violation deadlock
 *)

{
	int flag = 0;
}

P0(int *flag)
{
	smp_store_release(flag, 1);
}

P1(int *flag)
{
	int seen;

	seen = smp_cond_load_acquire(flag, VAL == 2);
}
