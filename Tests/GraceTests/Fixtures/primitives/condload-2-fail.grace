C condload-2-fail

(*
 * Two smp_cond_load_relaxed() waits, each for a flag the other sets only
 * after its own wait: neither condition can become true, so both waiters
 * are blocked for ever.
 *
 * Expect: sc: violation deadlock
 *)

{
	int a = 0;
	int b = 0;
}

P0(int *a, int *b)
{
	int seen;

	seen = smp_cond_load_relaxed(b, VAL == 1);
	WRITE_ONCE(*a, 1);
}

P1(int *a, int *b)
{
	int seen;

	seen = smp_cond_load_relaxed(a, VAL == 1);
	WRITE_ONCE(*b, 1);
}
