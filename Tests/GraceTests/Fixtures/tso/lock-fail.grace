C lock-fail

(*
 * The same with P1 not taking the lock: nothing hands P0's write over,
 * and with nothing to drain either buffer both reads can miss both writes
 * (store buffering inside P0's critical section).
 *
 * Expect: sc: never
 * Expect: tso: sometimes
 *)

{ spinlock_t l; int x = 0; int y = 0; }

P0(spinlock_t *l, int *x, int *y)
{
	int r0;

	spin_lock(l);
	WRITE_ONCE(*x, 1);
	r0 = READ_ONCE(*y);
	spin_unlock(l);
}

P1(int *x, int *y)
{
	int r1;

	WRITE_ONCE(*y, 1);
	r1 = READ_ONCE(*x);
}

exists (0:r0=0 /\ 1:r1=0)
