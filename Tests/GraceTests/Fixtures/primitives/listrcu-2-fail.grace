C listrcu-2-fail

(*
 * list_first_or_null_rcu() gives an entry that stays valid only inside the
 * reader that found it: P1 uses it after rcu_read_unlock(), so
 * synchronize_rcu() need not wait for that use, and the entry P0 deleted
 * with list_del_rcu() is freed under it: use-after-free.
 *
 * Expect: sc: violation use-after-free
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

	a = kmalloc(sizeof(struct item), GFP_KERNEL);
	a->value = 1;
	spin_lock(lock);
	list_add_rcu(&a->node, items);
	spin_unlock(lock);
	spin_lock(lock);
	list_del_rcu(&a->node);
	spin_unlock(lock);
	synchronize_rcu();
	kfree(a);
}

P1(struct list_head *items)
{
	struct item *first;
	int value = 0;

	rcu_read_lock();
	first = list_first_or_null_rcu(items, struct item, node);
	rcu_read_unlock();
	if (first)
		value = READ_ONCE(first->value);	/* outside the reader */
}
