C gfp-nowait-fail

(*
 * A GFP_NOWAIT allocation may fail: using it without a NULL check is a
 * NULL pointer dereference in the explored failure.
 *
 * Expect: sc: violation bug
 *)

{ int x = 0; }

P0(int *x)
{
	unsigned long *buf = (unsigned long *)__get_free_page(GFP_NOWAIT | __GFP_NOWARN);

	WRITE_ONCE(buf[0], 1);
	free_page((unsigned long)buf);
}
