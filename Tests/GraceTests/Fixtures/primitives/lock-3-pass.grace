C lock-3-pass

(*
 * An RCU callback, run in softirq on the CPU that queued it, takes the same
 * lock as task context. P0 takes it with spin_lock_bh(), so the softirq
 * cannot run on CPU0 while P0 holds it (it runs before, at spin_unlock_bh(),
 * or after); P1 uses spin_lock_irqsave() on CPU1. All three increments
 * happen under the lock and nothing deadlocks.
 *
 * Expect: sc: always
 *)

{
	spinlock_t lock;
	int count = 0;
	struct rcu_head rh;
}

void count_rcu(struct rcu_head *head)
{
	int r;

	spin_lock(&lock);
	r = READ_ONCE(count);
	WRITE_ONCE(count, r + 1);
	spin_unlock(&lock);
}

P0()
{
	int r;

	call_rcu(&rh, count_rcu);
	spin_lock_bh(&lock);
	r = READ_ONCE(count);
	WRITE_ONCE(count, r + 1);
	spin_unlock_bh(&lock);
}

P1()
{
	int r;
	unsigned long flags;

	spin_lock_irqsave(&lock, flags);
	r = READ_ONCE(count);
	WRITE_ONCE(count, r + 1);
	spin_unlock_irqrestore(&lock, flags);
}

exists (count=3)
