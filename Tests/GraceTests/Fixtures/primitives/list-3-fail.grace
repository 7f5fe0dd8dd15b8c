C list-3-fail

(*
 * Both threads add entry a without checking: whichever comes second calls
 * list_add on a node that is already linked, corrupting the list.
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
	INIT_LIST_HEAD(&a.node);
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
	list_add_tail(&a.node, &items);
	spin_unlock(&lock);
}
