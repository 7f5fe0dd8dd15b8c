C kref-pass

(*
 * struct kref: kref_init() gives the creator's reference, kref_get() and
 * kref_get_unless_zero() take more, kref_put() drops one and calls the
 * release function on the last, which frees the object with kfree_rcu().
 * P0 unpublishes the object before it drops its reference.  P1 takes its
 * reference with kref_get_unless_zero() from an RCU lookup: the object
 * stays readable until P1 leaves its reader, and a count at 0 is never
 * revived.
 *
 * Expect: sc: pass
 *)

struct obj {
	int data;
	struct kref kref;
	struct rcu_head rcu;
};

{
	struct obj *slot;
}

void obj_release(struct kref *kref)
{
	struct obj *o = container_of(kref, struct obj, kref);

	kfree_rcu(o, rcu);
}

P0(struct obj **slot)
{
	struct obj *o;

	o = kmalloc(sizeof(struct obj), GFP_KERNEL);
	kref_init(&o->kref);
	kref_get(&o->kref);
	assert(kref_read(&o->kref) == 2);
	kref_put(&o->kref, obj_release);
	WRITE_ONCE(o->data, 1);
	smp_store_release(slot, o);
	WRITE_ONCE(*slot, NULL);		/* unpublish, then drop */
	kref_put(&o->kref, obj_release);
}

P1(struct obj **slot)
{
	struct obj *o;

	rcu_read_lock();
	o = smp_load_acquire(slot);
	if (o && !kref_get_unless_zero(&o->kref))
		o = NULL;
	rcu_read_unlock();
	if (o) {
		assert(READ_ONCE(o->data) == 1);
		kref_put(&o->kref, obj_release);
	}
}
