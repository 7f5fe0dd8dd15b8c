C hlist-3-fail

(*
 * hlist-pass.grace's RCU hlist with the deleted entry freed at once:
 * hlist_del_rcu() leaves the entry's next for readers already on it, so
 * the free must wait for a grace period (kfree_rcu()); kfree() right after
 * it frees the entry under a reader that found it with
 * hlist_for_each_entry_rcu(): use-after-free.
 *
 * Expect: sc: violation use-after-free
 *)

struct item {
	struct hlist_node node;
	int value;
};

{
	struct hlist_head bucket;
	spinlock_t lock;
}

P0(struct hlist_head *bucket, spinlock_t *lock)
{
	struct item *a;

	a = kmalloc(sizeof(struct item), GFP_KERNEL);
	a->value = 1;
	spin_lock(lock);
	INIT_HLIST_HEAD(bucket);
	hlist_add_head_rcu(&a->node, bucket);
	spin_unlock(lock);
	spin_lock(lock);
	hlist_del_rcu(&a->node);
	spin_unlock(lock);
	kfree(a);				/* kfree_rcu(a, rcu) is needed */
}

P1(struct hlist_head *bucket)
{
	struct item *pos;
	int sum = 0;

	rcu_read_lock();
	if (!hlist_empty(bucket))
		hlist_for_each_entry_rcu(pos, bucket, node)
			sum = sum + READ_ONCE(pos->value);
	rcu_read_unlock();
}
