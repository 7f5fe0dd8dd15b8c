C union-3-fail

(*
 * P1 writes the plain member of the union while the list member is still
 * linked on P0's list: union misuse (the store would overwrite node.next).
 *
 * Expect: sc: violation union-misuse
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
	s.cookie = 42;
}
