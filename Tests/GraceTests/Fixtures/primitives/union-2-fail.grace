C union-2-fail

(*
 * The other direction: P0 queues the rcu member of the user union, and P1
 * links the list member, sharing its storage, onto a list. If P1 links it
 * before the callback has run, the rcu_head is still queued: union misuse
 * (reachable in some interleavings only).
 *
 * Expect: sc: violation union-misuse
 *)

union slot {
	struct list_head node;
	struct rcu_head rcu;
};

{
	union slot s;
	struct list_head q;
	atomic_t recycled = ATOMIC_INIT(0);
	int ready = 0;
}

void slot_rcu(struct rcu_head *head)
{
	atomic_inc(&recycled);
}

P0()
{
	INIT_LIST_HEAD(&q);
	call_rcu(&s.rcu, slot_rcu);
	smp_store_release(&ready, 1);
}

P1()
{
	while (!smp_load_acquire(&ready))
		cpu_relax();
	list_add(&s.node, &q);
}
