C bitops-pass

(*
 * test_and_set_bit() and test_and_clear_bit() (bit number first, then the
 * word) are indivisible: of two threads setting bit 0 exactly one sees it
 * clear, and of two clearing bit 1 exactly one sees it set.
 *
 * Expect: sc: never
 *)

{
	unsigned long w = 2;
}

P0(unsigned long *w)
{
	int r0;
	int r1;

	r0 = test_and_set_bit(0, w);
	r1 = test_and_clear_bit(1, w);
}

P1(unsigned long *w)
{
	int r0;
	int r1;

	r0 = test_and_set_bit(0, w);
	r1 = test_and_clear_bit(1, w);
}

exists ((0:r0=0 /\ 1:r0=0) \/ (0:r0=1 /\ 1:r0=1) \/ (0:r1=1 /\ 1:r1=1) \/ (0:r1=0 /\ 1:r1=0))
