C ctl-2-pass

(*
 * Pointers to a thread's own locals passed to helpers (swap, fill a local
 * array, a local struct through a pointer), a bool local, and a pointer cast
 * to unsigned long and back, which must still reach the same array element.
 * Asserts check every value.
 *
 * Expect: sc: pass
 *)

struct pair {
	int key;
	int vals[3];
};

{
	int arr[4] = { 1, 2, 3, 4 };
}

void swap(int *a, int *b)
{
	int t = *a;

	*a = *b;
	*b = t;
}

void fill(int *buf, int n, int v)
{
	int i;

	for (i = 0; i < n; i++)
		buf[i] = v + i;
}

P0()
{
	int a = 1;
	int b = 2;
	int buf[3];
	struct pair lp;
	struct pair *pp;
	bool ok;

	swap(&a, &b);
	assert(a == 2 && b == 1);
	fill(buf, 3, 10);
	assert(buf[0] == 10 && buf[1] == 11 && buf[2] == 12);
	pp = &lp;
	pp->key = 3;
	pp->vals[1] = 5;
	assert(lp.key == 3 && lp.vals[1] == 5);
	ok = (a > b);
	assert(ok == true);
}

P1()
{
	unsigned long addr;
	int *q;

	addr = (unsigned long)&arr[2];
	q = (int *)addr;
	assert(*q == 3);
	*q = 7;
	assert(arr[2] == 7);
}
