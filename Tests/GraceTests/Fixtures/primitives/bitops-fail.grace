C bitops-fail

(*
 * test_bit() then set_bit() is a check-then-act race: both threads can test
 * bit 0 before either sets it, so both believe they set it first. The
 * clause holds sometimes.
 *
 * Expect: sc: sometimes
 *)

{
	unsigned long w = 0;
}

P0(unsigned long *w)
{
	int r0;

	r0 = test_bit(0, w);
	set_bit(0, w);
}

P1(unsigned long *w)
{
	int r0;

	r0 = test_bit(0, w);
	set_bit(0, w);
}

exists (0:r0=0 /\ 1:r0=0)
