C union-3-pass

(*
 * A user union of a list_head and a plain word: the word is written only
 * after the node has been taken off the list with list_del(), so no member is
 * written while the other is in use, and the word reads back what was
 * written.
 *
 * Expect: sc: pass
 *)

union slot {
	struct list_head node;
	unsigned long cookie;
};

{
	union slot s;
	struct list_head q;
	spinlock_t lock;
	int ready = 0;
}

P0()
{
	INIT_LIST_HEAD(&q);
	spin_lock(&lock);
	list_add(&s.node, &q);
	spin_unlock(&lock);
	smp_store_release(&ready, 1);
}

P1()
{
	while (!smp_load_acquire(&ready))
		cpu_relax();
	spin_lock(&lock);
	list_del(&s.node);
	spin_unlock(&lock);
	s.cookie = 42;
	assert(s.cookie == 42);
}
