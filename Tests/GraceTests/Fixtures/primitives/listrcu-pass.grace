C listrcu-pass

(*
 * An RCU-protected list: the updater adds entries with list_add_rcu() and
 * list_add_tail_rcu() and removes one with list_del_rcu(), and frees it
 * only after synchronize_rcu(); the reader walks the list with
 * list_for_each_entry_rcu() and list_first_or_null_rcu() inside
 * rcu_read_lock().  A reader standing on the removed entry goes on along
 * its next, which list_del_rcu() leaves.
 *
 * Expect: sc: pass
 *)

struct item {
	struct list_head node;
	int value;
};

{
	struct list_head items;
	spinlock_t lock;
}

P0(struct list_head *items, spinlock_t *lock)
{
	struct item *a;
	struct item *b;

	a = kmalloc(sizeof(struct item), GFP_KERNEL);
	b = kmalloc(sizeof(struct item), GFP_KERNEL);
	a->value = 1;
	b->value = 2;
	spin_lock(lock);
	list_add_rcu(&a->node, items);
	list_add_tail_rcu(&b->node, items);
	spin_unlock(lock);

	spin_lock(lock);
	list_del_rcu(&a->node);
	spin_unlock(lock);
	synchronize_rcu();
	kfree(a);
}

P1(struct list_head *items)
{
	struct item *pos;
	struct item *first;
	int sum = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(pos, items, node)
		sum = sum + READ_ONCE(pos->value);
	first = list_first_or_null_rcu(items, struct item, node);
	if (first)
		assert(READ_ONCE(first->value) != 0);
	rcu_read_unlock();
	assert(sum <= 3);
}
