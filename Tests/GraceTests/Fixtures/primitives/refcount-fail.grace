C refcount-fail

(*
 * refcount_inc() on a count that has reached 0: the object is being
 * freed, and the kernel warns "refcount_t: addition on 0; use-after-free."
 * P1 looks the object up and takes a reference with refcount_inc() where
 * refcount_inc_not_zero() is needed; P0 drops the last reference first in
 * some interleavings.  (The object is never freed here, so the warning is
 * the only violation.)
 *
 * Expect: sc: violation warning
 *)

{
	refcount_t ref;
	int live = 1;
}

P0(refcount_t *ref, int *live)
{
	refcount_set(ref, 1);
	smp_store_release(live, 2);
	if (refcount_dec_and_test(ref))
		WRITE_ONCE(*live, 0);
}

P1(refcount_t *ref, int *live)
{
	if (smp_load_acquire(live) == 2)
		refcount_inc(ref);
}
