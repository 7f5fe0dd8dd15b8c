C kref-2-fail

(*
 * kref_get() from a lookup, where kref_get_unless_zero() is needed: P0
 * drops the last reference after publishing the object, and P1, which
 * found it, takes a reference on a count that is already 0: the kernel
 * warns "refcount_t: addition on 0; use-after-free.".  The release
 * function only marks the object released, so the warning is the
 * violation.
 *
 * Expect: sc: violation warning
 *)

struct obj {
	struct kref kref;
	int released;
};

{
	struct obj o;
	struct obj *slot;
}

void obj_release(struct kref *kref)
{
	WRITE_ONCE(container_of(kref, struct obj, kref)->released, 1);
}

P0(struct obj *o, struct obj **slot)
{
	kref_init(&o->kref);
	smp_store_release(slot, o);
	kref_put(&o->kref, obj_release);
}

P1(struct obj **slot)
{
	struct obj *o;

	o = smp_load_acquire(slot);
	if (o)
		kref_get(&o->kref);
}
