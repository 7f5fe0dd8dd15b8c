C kref-fail

(*
 * kref_put() once too often: the object was released by the first put
 * that reached 0, and the second put decrements below 0 ("refcount_t:
 * underflow; use-after-free.").  The release function only marks the
 * object released, so the underflow warning is the violation.
 *
 * Expect: sc: violation warning
 *)

struct obj {
	struct kref kref;
	int released;
};

{
	struct obj o;
}

void obj_release(struct kref *kref)
{
	WRITE_ONCE(container_of(kref, struct obj, kref)->released, 1);
}

P0(struct obj *o)
{
	kref_init(&o->kref);
	kref_put(&o->kref, obj_release);
	kref_put(&o->kref, obj_release);
}
