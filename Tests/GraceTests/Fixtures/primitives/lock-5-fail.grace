C lock-5-fail

(*
 * ABBA: P0 takes a then b, P1 takes b then a. When each holds its first lock
 * neither can take its second: deadlock.
 *
 * Expect: sc: violation deadlock
 *)

{
	spinlock_t a;
	spinlock_t b;
	int x = 0;
}

P0(spinlock_t *a, spinlock_t *b, int *x)
{
	spin_lock(a);
	spin_lock(b);
	WRITE_ONCE(*x, 1);
	spin_unlock(b);
	spin_unlock(a);
}

P1(spinlock_t *a, spinlock_t *b, int *x)
{
	spin_lock(b);
	spin_lock(a);
	WRITE_ONCE(*x, 2);
	spin_unlock(a);
	spin_unlock(b);
}
