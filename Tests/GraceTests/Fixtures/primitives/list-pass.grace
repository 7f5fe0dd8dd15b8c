C list-pass

(*
 * The list API on a user struct: list_add puts an entry at the front and
 * list_add_tail at the back whichever thread adds first, so the list always
 * reads c, a, b; list_first_entry and list_for_each_entry see that order;
 * list_del_init leaves an empty node; a node poisoned by list_del may be added
 * again; and list_empty follows every step. A wrong order trips an assert.
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
	struct item b = { .val = 2 };
	struct item c = { .val = 3 };
	spinlock_t lock;
	int ready = 0;
	int done = 0;
}

P0()
{
	INIT_LIST_HEAD(&items);
	list_add_tail(&a.node, &items);
	smp_store_release(&ready, 1);
	spin_lock(&lock);
	list_add(&c.node, &items);
	spin_unlock(&lock);
	smp_store_release(&done, 1);
}

P1()
{
	struct item *pos;
	struct item *first;
	int seq;

	while (!smp_load_acquire(&ready))
		cpu_relax();
	spin_lock(&lock);
	list_add_tail(&b.node, &items);
	spin_unlock(&lock);
	while (!smp_load_acquire(&done))
		cpu_relax();

	spin_lock(&lock);
	seq = 0;
	list_for_each_entry(pos, &items, node)
		seq = seq * 10 + pos->val;
	assert(seq == 312);
	first = list_first_entry(&items, struct item, node);
	assert(first == &c && first->val == 3);
	list_del(&a.node);
	list_del_init(&c.node);
	assert(list_empty(&c.node));
	assert(!list_empty(&items));
	list_add(&a.node, &items);
	seq = 0;
	list_for_each_entry(pos, &items, node)
		seq = seq * 10 + pos->val;
	assert(seq == 12);
	list_del_init(&b.node);
	list_del(&a.node);
	assert(list_empty(&items));
	spin_unlock(&lock);
}
