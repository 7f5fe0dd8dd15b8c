C lock-3-fail

(*
 * P0 takes the lock with plain spin_lock(), leaving bh enabled: once the grace
 * period has ended, the softirq running count_rcu() can interrupt P0 inside
 * its critical section on CPU0 and spin on the lock P0 holds, and P0 cannot
 * resume until the softirq finishes: deadlock.
 *
 * Expect: sc: violation deadlock
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
	spin_lock(&lock);
	r = READ_ONCE(count);
	WRITE_ONCE(count, r + 1);
	spin_unlock(&lock);
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
