C bitops-2-fail

(*
 * Setting bits with a plain load then a plain store instead of set_bit():
 * both threads can load 0, and the later store wipes out the other's bit,
 * so w ends as 1 or 2 in some interleavings.
 *
 * Expect: sc: sometimes
 *)

{
	unsigned long w = 0;
}

P0(unsigned long *w)
{
	unsigned long r0;

	r0 = READ_ONCE(*w);
	WRITE_ONCE(*w, r0 | 1);
}

P1(unsigned long *w)
{
	unsigned long r0;

	r0 = READ_ONCE(*w);
	WRITE_ONCE(*w, r0 | 2);
}

exists (w=1 \/ w=2)
