C callback-fail

(*
 * The same without the reader: P1's write of y owes nothing to the grace
 * period, and can still wait in its store buffer when the callback runs
 * and reads y = 0 (under sc P1 read x = 0, so y = 1 came first).
 *
 * Expect: sc: never
 * Expect: tso: sometimes
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

	WRITE_ONCE(*y, 1);
	r1 = READ_ONCE(*x);

}

exists (1:r1=0 /\ c=1)
