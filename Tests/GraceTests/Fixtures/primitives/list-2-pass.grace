C list-2-pass

(*
 * list_del_init() is safe on a node that is initialised but not linked:
 * P0 adds and then removes a with list_del_init(), P1 removes it with
 * list_del_init() at any point, before, between or after, and every case is
 * legal.
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
	list_add(&a.node, &items);
	spin_unlock(&lock);
	spin_lock(&lock);
	list_del_init(&a.node);
	spin_unlock(&lock);
}

P1()
{
	while (!smp_load_acquire(&ready))
		cpu_relax();
	spin_lock(&lock);
	list_del_init(&a.node);
	spin_unlock(&lock);
}
