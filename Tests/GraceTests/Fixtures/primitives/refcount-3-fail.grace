C refcount-3-fail

(*
 * refcount_read() is a snapshot, not a decision: two owners of an object
 * with two references each test it to see whether theirs is the last;
 * both may read 2 and refcount_dec(), and the second takes the count to 0,
 * which refcount_dec() must never do ("refcount_t: decrement hit 0;
 * leaking memory."): refcount_dec_and_test() is the one atomic test.
 *
 * Expect: sc: violation warning
 *)

{
	refcount_t ref;
	int freed = 0;
}

P0(refcount_t *ref, int *freed)
{
	refcount_set(ref, 2);
	smp_store_release(freed, 1);
	if (refcount_read(ref) == 1)
		WRITE_ONCE(*freed, 2);		/* kfree(obj) */
	else
		refcount_dec(ref);
}

P1(refcount_t *ref, int *freed)
{
	if (!smp_load_acquire(freed))
		return;				/* no reference handed yet */
	if (refcount_read(ref) == 1)
		WRITE_ONCE(*freed, 3);		/* kfree(obj) */
	else
		refcount_dec(ref);
}
