C listrcu-fail

(*
 * list_del_rcu() followed by kfree() with no grace period: a reader that
 * found the entry in list_for_each_entry_rcu() reads it after the free.
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
	kfree(a);				/* no synchronize_rcu() */
}

P1(struct list_head *items)
{
	struct item *pos;
	int sum = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(pos, items, node)
		sum = sum + READ_ONCE(pos->value);
	rcu_read_unlock();
}
