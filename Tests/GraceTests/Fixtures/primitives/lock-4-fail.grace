C lock-4-fail

(*
 * P1 unlocks whether or not its spin_trylock() succeeded: when P0 holds the
 * lock the trylock fails and P1 releases a lock it does not hold.
 *
 * Expect: sc: violation unlock-unheld
 *)

{
	spinlock_t lock;
	int x = 0;
}

P0()
{
	unsigned long flags;

	spin_lock_irqsave(&lock, flags);
	WRITE_ONCE(x, 1);
	spin_unlock_irqrestore(&lock, flags);
}

P1()
{
	spin_trylock(&lock);
	WRITE_ONCE(x, 2);
	spin_unlock(&lock);
}
