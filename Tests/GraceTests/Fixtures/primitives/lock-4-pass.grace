C lock-4-pass

(*
 * Every unlock is by the holder: P0 pairs spin_lock_irqsave() with
 * spin_unlock_irqrestore(), and P1 unlocks only when its spin_trylock()
 * succeeded.
 *
 * Expect: sc: pass
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
	if (spin_trylock(&lock)) {
		WRITE_ONCE(x, 2);
		spin_unlock(&lock);
	}
}
