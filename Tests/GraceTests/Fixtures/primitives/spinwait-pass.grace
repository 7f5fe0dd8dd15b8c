C spinwait-pass

(*
 * A flag handshake: P1 spins with cpu_relax() until P0 sets the flag, which
 * P0 does after writing the data, so P1 always reads 42. A spinning thread is
 * blocked until P0 moves, not an endless loop.
 *
 * Expect: sc: pass
 *)

{
	int data = 0;
	int flag = 0;
}

P0(int *data, int *flag)
{
	WRITE_ONCE(*data, 42);
	WRITE_ONCE(*flag, 1);
}

P1(int *data, int *flag)
{
	int r0;

	while (!READ_ONCE(*flag))
		cpu_relax();
	r0 = READ_ONCE(*data);
	assert(r0 == 42);
}
