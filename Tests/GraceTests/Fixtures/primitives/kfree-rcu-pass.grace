C kfree-rcu-pass

(*
 * kfree_rcu(): the updater unpublishes an object and frees it through its
 * rcu_head after a grace period, so a reader that found it inside
 * rcu_read_lock() reads it safely.  kvfree() frees another object that no
 * reader can reach.
 *
 * Expect: sc: pass
 *)

struct obj {
	int value;
	struct rcu_head rcu;
};

{
	struct obj *slot;
}

P0(struct obj **slot)
{
	struct obj *o;
	struct obj *scratch;

	o = kmalloc(sizeof(struct obj), GFP_KERNEL);
	o->value = 1;
	rcu_assign_pointer(*slot, o);
	rcu_assign_pointer(*slot, NULL);
	kfree_rcu(o, rcu);
	scratch = kmalloc(sizeof(struct obj), GFP_KERNEL);
	kvfree(scratch);
}

P1(struct obj **slot)
{
	struct obj *o;

	rcu_read_lock();
	o = rcu_dereference(*slot);
	if (o)
		assert(READ_ONCE(o->value) == 1);
	rcu_read_unlock();
}
