C spinwait-2-fail

(*
 * Each thread waits for the other's flag before setting its own: neither
 * flag is ever set and both spin forever: deadlock in every interleaving.
 *
 * Expect: sc: violation deadlock
 *)

{
	int a = 0;
	int b = 0;
}

P0(int *a, int *b)
{
	while (!READ_ONCE(*b))
		cpu_relax();
	WRITE_ONCE(*a, 1);
}

P1(int *a, int *b)
{
	while (!READ_ONCE(*a))
		cpu_relax();
	WRITE_ONCE(*b, 1);
}
