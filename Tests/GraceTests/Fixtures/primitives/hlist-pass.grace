C hlist-pass

(*
 * An RCU-protected hlist: INIT_HLIST_HEAD(), hlist_add_head_rcu() and
 * hlist_add_head(), hlist_del_rcu() with the free deferred by kfree_rcu(),
 * hlist_del_init() (twice: the second finds the node unhashed and leaves it
 * alone), hlist_unhashed(), hlist_empty(); the reader walks with
 * hlist_for_each_entry_rcu(), and the updater with hlist_for_each_entry()
 * under the lock.  P1 initialises an hlist of its own with
 * INIT_HLIST_HEAD().
 *
 * Expect: sc: pass
 * Config: page_words=5
 *)

struct item {
	struct hlist_node node;
	int value;
	struct rcu_head rcu;
};

{
	struct hlist_head bucket;
	struct hlist_head own;
	spinlock_t lock;
}

P0(struct hlist_head *bucket, spinlock_t *lock)
{
	struct item *a;
	struct item *b;
	struct item *pos;
	int n = 0;

	a = kmalloc(sizeof(struct item), GFP_KERNEL);
	b = kmalloc(sizeof(struct item), GFP_KERNEL);
	a->value = 1;
	b->value = 2;
	spin_lock(lock);
	hlist_add_head_rcu(&a->node, bucket);
	hlist_add_head_rcu(&b->node, bucket);
	hlist_for_each_entry(pos, bucket, node)
		n++;
	assert(n == 2 && !hlist_empty(bucket));
	hlist_del_rcu(&a->node);
	spin_unlock(lock);
	kfree_rcu(a, rcu);

	spin_lock(lock);
	hlist_del_init(&b->node);
	hlist_del_init(&b->node);
	assert(hlist_unhashed(&b->node) && hlist_empty(bucket));
	hlist_add_head(&b->node, bucket);
	spin_unlock(lock);
}

P1(struct hlist_head *bucket, struct hlist_head *own)
{
	struct item *pos;
	int sum = 0;

	INIT_HLIST_HEAD(own);
	assert(hlist_empty(own));
	rcu_read_lock();
	hlist_for_each_entry_rcu(pos, bucket, node)
		sum = sum + READ_ONCE(pos->value);
	rcu_read_unlock();
}
