C gfp-nowait-pass

(*
 * A GFP_NOWAIT allocation may fail; code that checks for NULL is fine.
 *
 * Expect: sc: pass
 *)

{ int x = 0; }

P0(int *x)
{
	unsigned long *buf = (unsigned long *)__get_free_page(GFP_NOWAIT | __GFP_NOWARN);

	if (!buf)
		return;
	WRITE_ONCE(buf[0], 1);
	free_page((unsigned long)buf);
}
