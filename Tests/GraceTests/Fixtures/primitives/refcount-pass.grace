C refcount-pass

(*
 * refcount_t as an object's lifetime count: P0 publishes an object with
 * two references, its own and the one it hands to P1; each drops its
 * reference with refcount_dec_and_test() and the last frees the object.
 * P1 takes a third reference with refcount_inc_not_zero() only while the
 * count is not 0, and refcount_inc()/refcount_dec() one more around a read;
 * refcount_read() sees at least its own.
 *
 * Expect: sc: pass
 *)

struct obj {
	refcount_t ref;
	int data;
};

{
	struct obj *slot;
}

P0(struct obj **slot)
{
	struct obj *o;

	o = kmalloc(sizeof(struct obj), GFP_KERNEL);
	refcount_set(&o->ref, 2);
	o->data = 1;
	smp_store_release(slot, o);
	if (refcount_dec_and_test(&o->ref))
		kfree(o);
}

P1(struct obj **slot)
{
	struct obj *o;

	o = smp_load_acquire(slot);
	if (!o)
		return;				/* never handed a reference */
	if (refcount_inc_not_zero(&o->ref)) {
		refcount_inc(&o->ref);
		assert(refcount_read(&o->ref) >= 3 || READ_ONCE(o->data) == 1);
		refcount_dec(&o->ref);
		if (refcount_dec_and_test(&o->ref))
			kfree(o);
	}
	if (refcount_dec_and_test(&o->ref))
		kfree(o);
}
