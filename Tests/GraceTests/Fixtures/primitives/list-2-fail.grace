C list-2-fail

(*
 * P0 adds entry a and removes it with list_del(), which poisons the node,
 * then signals; P1's list_del_init() of the poisoned node is list
 * corruption (list_del_init is only safe on a linked or initialised node).
 *
 * Expect: sc: violation list-corruption
 *)

struct item {
	int val;
	struct list_head node;
};

{
	struct list_head items;
	struct item a = { .val = 1 };
	spinlock_t lock;
	int done = 0;
}

P0()
{
	INIT_LIST_HEAD(&items);
	INIT_LIST_HEAD(&a.node);
	spin_lock(&lock);
	list_add(&a.node, &items);
	spin_unlock(&lock);
	spin_lock(&lock);
	list_del(&a.node);
	spin_unlock(&lock);
	smp_store_release(&done, 1);
}

P1()
{
	while (!smp_load_acquire(&done))
		cpu_relax();
	spin_lock(&lock);
	list_del_init(&a.node);
	spin_unlock(&lock);
}
