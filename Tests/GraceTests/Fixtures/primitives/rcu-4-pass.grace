C rcu-4-pass

(*
 * A callback may queue its own rcu_head again: the head is dequeued before
 * the callback runs, so the second call_rcu() is legal, and the requeued
 * callback runs after one more grace period. Every final state has run it
 * twice.
 *
 * Expect: sc: always
 *)

{
	struct rcu_head rh;
	atomic_t runs = ATOMIC_INIT(0);
	int x = 0;
}

void requeue_rcu(struct rcu_head *head)
{
	if (atomic_inc_return(&runs) == 1)
		call_rcu(head, requeue_rcu);
}

P0(struct rcu_head *rh)
{
	call_rcu(rh, requeue_rcu);
}

P1(int *x)
{
	rcu_read_lock();
	WRITE_ONCE(*x, 1);
	rcu_read_unlock();
}

exists (runs=2)
