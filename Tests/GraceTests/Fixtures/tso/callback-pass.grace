C callback-pass

(*
 * A callback sees what a reader stored after its grace period: P1's
 * reader read x = 0, so it began before the grace period that call_rcu()
 * started after x = 1; it must end before the callback runs, and its
 * write of y is in memory by then, even if it was still in P1's store
 * buffer when the reader ended. The callback records what it saw in c
 * (1: y = 0, 2: y = 1).
 *
 * Expect: sc: never
 * Expect: tso: never
 *)

{ struct rcu_head h; int x = 0; int y = 0; int c = 0; }

void cb(struct rcu_head *head)
{
	WRITE_ONCE(c, READ_ONCE(y) + 1);
}

P0(struct rcu_head *h, int *x)
{
	WRITE_ONCE(*x, 1);
	call_rcu(h, cb);
}

P1(int *x, int *y)
{
	int r1;

	rcu_read_lock();
	WRITE_ONCE(*y, 1);
	r1 = READ_ONCE(*x);
	rcu_read_unlock();
}

exists (1:r1=0 /\ c=1)
