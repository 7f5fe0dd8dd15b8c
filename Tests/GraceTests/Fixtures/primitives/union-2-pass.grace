C union-2-pass

(*
 * A user union of a list_head and an rcu_head. P1 unlinks the node before
 * queueing the rcu member, and the callback, which runs after the rcu member
 * has been dequeued, initialises the list member again: legal reuse in both
 * directions.
 *
 * Expect: sc: pass
 *)

union slot {
	struct list_head node;
	struct rcu_head rcu;
};

{
	union slot s;
	struct list_head q;
	spinlock_t lock;
	int ready = 0;
	atomic_t recycled = ATOMIC_INIT(0);
}

void slot_rcu(struct rcu_head *head)
{
	union slot *sp = container_of(head, union slot, rcu);

	INIT_LIST_HEAD(&sp->node);
	atomic_inc(&recycled);
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
	list_del_init(&s.node);
	spin_unlock(&lock);
	call_rcu(&s.rcu, slot_rcu);
}
