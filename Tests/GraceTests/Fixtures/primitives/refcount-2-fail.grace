C refcount-2-fail

(*
 * refcount_dec_and_test() below 0: two owners each think they hold the
 * one reference.  The kernel warns "refcount_t: underflow;
 * use-after-free." and saturates the count.
 *
 * Expect: sc: violation warning
 *)

{
	refcount_t ref;
	int freed = 0;
}

P0(refcount_t *ref, int *freed)
{
	refcount_set(ref, 1);
	if (refcount_dec_and_test(ref))
		WRITE_ONCE(*freed, 1);
	if (refcount_dec_and_test(ref))
		WRITE_ONCE(*freed, 2);
}
