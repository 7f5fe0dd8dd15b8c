C list-fail

(*
 * P1 removes entry a with list_del() without checking that P0 has added it:
 * when P1 goes first the node was never linked and list_del() corrupts the
 * list (reachable in some interleavings only).
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
	int ready = 0;
}

P0()
{
	INIT_LIST_HEAD(&items);
	smp_store_release(&ready, 1);
	spin_lock(&lock);
	list_add(&a.node, &items);
	spin_unlock(&lock);
}

P1()
{
	while (!smp_load_acquire(&ready))
		cpu_relax();
	spin_lock(&lock);
	list_del(&a.node);
	spin_unlock(&lock);
}
