C ctl-pass

(*
 * The statement and expression language, checked by asserts on computed
 * values: helper functions with parameters and return values (early return
 * from a loop), for/while/do-while with break and continue, if/else chains,
 * ?:, && and || short circuit (the helper with a side effect must run exactly
 * once), arrays and struct members, pointer arithmetic within an array, C
 * integer division and bit operators, and casts to narrow types. Any wrong
 * semantics fails an assert; the threads share nothing they race on, so every
 * final state has out=2 and calls=1.
 *
 * Expect: sc: always
 *)

struct pair {
	int key;
	int vals[3];
};

{
	int arr[4] = { 1, 2, 3, 4 };
	struct pair pr = { .key = 5, .vals = { 10, 20, 30 } };
	int calls = 0;
	int out = 0;
}

int bump(int *n)
{
	*n = *n + 1;
	return 1;
}

int sum_array(int *a, int n)
{
	int i;
	int s = 0;

	for (i = 0; i < n; i++)
		s += a[i];
	return s;
}

int first_over(struct pair *p, int limit)
{
	int i = 0;

	while (i < 3) {
		if (p->vals[i] > limit)
			return i;
		i++;
	}
	return -1;
}

int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : (v > hi ? hi : v);
}

P0()
{
	int i;
	int s;
	int r;
	int *p;
	u8 c;
	u32 w;

	s = sum_array(arr, 4);
	assert(s == 10);

	s = 0;
	for (i = 0; i < 10; i++) {
		if (i % 2 == 0)
			continue;
		if (i > 7)
			break;
		s += i;
	}
	assert(s == 16 && i == 9);

	i = 0;
	do {
		i++;
	} while (i < 0);
	assert(i == 1);

	assert(first_over(&pr, 15) == 1);
	assert(first_over(&pr, 99) == -1);
	assert(clamp(7, 0, 5) == 5 && clamp(-3, 0, 5) == 0 && clamp(4, 0, 5) == 4);

	r = (s > 100 && bump(&calls));
	assert(r == 0 && calls == 0);
	r = (s == 16 || bump(&calls));
	assert(r == 1 && calls == 0);
	r = (s == 16 && bump(&calls));
	assert(r == 1 && calls == 1);

	p = &arr[1];
	assert(*p == 2 && *(p + 2) == 4 && p[1] == 3);
	p++;
	assert(*p == 3);
	assert(pr.key == 5 && (&pr)->vals[2] == 30);

	c = 250;
	c = c + 10;
	assert(c == 4);
	w = (u32)-1;
	assert(w == 0xffffffff);
	assert((u8)0x1ff == 0xff && (long)(u16)0x12345 == 0x2345);
	assert(-7 / 2 == -3 && -7 % 2 == -1);
	assert((1 << 4) == 16 && (0xf0 >> 4) == 0xf);
	assert((6 & 3) == 2 && (6 | 3) == 7 && (6 ^ 3) == 5 && ~0 == -1);
	assert((!0) == 1 && (!5) == 0);
}

P1()
{
	int i;
	int j;
	int n = 0;

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++) {
			if (j == i)
				break;
			n++;
		}
	}
	assert(n == 3);

	i = 0;
	n = 0;
	while (i < 5) {
		i++;
		if (i == 3)
			continue;
		n += i;
	}
	assert(n == 12);

	if (n > 20)
		n = 3;
	else if (n > 10)
		n = 2;
	else
		n = 1;
	assert(n == 2);
	WRITE_ONCE(out, n);
	return;
}

exists (out=2 /\ calls=1)
