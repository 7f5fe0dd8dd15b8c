C kfree-rcu-fail

(*
 * kvfree() where kfree_rcu() is needed: the reader that found the object
 * inside rcu_read_lock() reads it after the free.
 *
 * Expect: sc: violation use-after-free
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

	o = kmalloc(sizeof(struct obj), GFP_KERNEL);
	o->value = 1;
	rcu_assign_pointer(*slot, o);
	rcu_assign_pointer(*slot, NULL);
	kvfree(o);
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
