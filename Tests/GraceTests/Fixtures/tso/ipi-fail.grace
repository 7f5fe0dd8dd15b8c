C ipi-fail

(*
 * The write after the IPI round trip: nothing drains it before the read
 * of y, so P0's side is store buffering again.
 *
 * Expect: sc: never
 * Expect: tso: sometimes
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

	smp_call_function(handler, NULL, 1);
	WRITE_ONCE(*x, 1);
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
