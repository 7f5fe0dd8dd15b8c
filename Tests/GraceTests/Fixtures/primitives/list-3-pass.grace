C list-3-pass

(*
 * Both threads want entry a on the list; each adds it under the lock only if
 * list_empty() says its node is not linked yet, so it is added exactly once.
 *
 * Expect: sc: pass
 *)

struct item {
	int val;
	struct list_head node;
};

{
	struct list_head items;
	struct item a = { .val = 1 };
	spinlock_t lock;
	int ready = 0;
}

P0()
{
	INIT_LIST_HEAD(&items);
	INIT_LIST_HEAD(&a.node);
	smp_store_release(&ready, 1);
	spin_lock(&lock);
	if (list_empty(&a.node))
		list_add(&a.node, &items);
	spin_unlock(&lock);
}

P1()
{
	while (!smp_load_acquire(&ready))
		cpu_relax();
	spin_lock(&lock);
	if (list_empty(&a.node))
		list_add_tail(&a.node, &items);
	spin_unlock(&lock);
}
