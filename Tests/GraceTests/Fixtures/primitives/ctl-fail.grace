C ctl-fail

(*
 * P0 sums a shared array in a helper's for loop, one READ_ONCE() per element,
 * while P1 moves one unit from arr[0] to arr[3] (the total stays 10): P0 can
 * read arr[0] before the move and arr[3] after it (or the reverse), so its
 * assert on the sum fails in some interleavings.
 *
 * Expect: sc: violation assertion
 *)

{
	int arr[4] = { 1, 2, 3, 4 };
}

int sum_array(int *a, int n)
{
	int i;
	int s = 0;

	for (i = 0; i < n; i++)
		s += READ_ONCE(a[i]);
	return s;
}

P0()
{
	int s;

	s = sum_array(arr, 4);
	assert(s == 10);
}

P1()
{
	int r;

	r = READ_ONCE(arr[0]);
	WRITE_ONCE(arr[0], r - 1);
	r = READ_ONCE(arr[3]);
	WRITE_ONCE(arr[3], r + 1);
}
