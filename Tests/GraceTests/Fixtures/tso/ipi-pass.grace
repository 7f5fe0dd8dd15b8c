C ipi-pass

(*
 * An IPI round trip drains: P0 writes x, then sends an IPI and waits for
 * it, a full barrier, before it reads y; the handler's own write z is in
 * memory before smp_call_function() returns (iret serializes), so P0 reads
 * it. P1 orders its side with smp_mb().
 *
 * Expect: sc: never
 * Expect: tso: never
 *)

{ int x = 0; int y = 0; int z = 0; }

void handler(void *info)
{
	WRITE_ONCE(z, 1);
}

P0(int *x, int *y, int *z)
{
	int r0;
	int r2;

	WRITE_ONCE(*x, 1);
	smp_call_function(handler, NULL, 1);
	r0 = READ_ONCE(*y);
	r2 = READ_ONCE(*z);
}

P1(int *x, int *y)
{
	int r1;

	WRITE_ONCE(*y, 1);
	smp_mb();
	r1 = READ_ONCE(*x);
}

exists ((0:r0=0 /\ 1:r1=0) \/ 0:r2=0)
