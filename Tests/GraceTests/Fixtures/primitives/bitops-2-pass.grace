C bitops-2-pass

(*
 * set_bit() and clear_bit() on different bits of one word are atomic
 * read-modify-writes, so none undoes the other: from 4 (bit 2), P0 sets bit 0
 * and P1 sets bit 1 and clears bit 2, and every final state has w=3. P1's
 * own bit stays visible to its test_bit().
 *
 * Expect: sc: always
 *)

{
	unsigned long w = 4;
}

P0(unsigned long *w)
{
	set_bit(0, w);
}

P1(unsigned long *w)
{
	int r0;

	set_bit(1, w);
	clear_bit(2, w);
	r0 = test_bit(1, w);
}

exists (w=3 /\ 1:r0=1)
