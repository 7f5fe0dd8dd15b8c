C atomic-3-pass

(*
 * Return values of every atomic_t and xchg/cmpxchg primitive, each thread on
 * its own variables so every interleaving computes the same values: *_return
 * give the new value, atomic_fetch_* the old one, *_and_test and
 * atomic_add_negative test the result, (atomic_)cmpxchg and atomic_xchg return
 * the old value, a failed atomic_try_cmpxchg refreshes old, atomic_add_unless
 * and atomic_inc_not_zero report whether they added, and atomic_xor_bits
 * returns the NEW value. Any other semantics trips an assert.
 *
 * Expect: sc: pass
 *)

{
	atomic_t a = ATOMIC_INIT(5);
	atomic_t b = ATOMIC_INIT(0);
	int x = 0;
}

P0(atomic_t *a)
{
	int r0;

	atomic_inc(a);
	atomic_add(4, a);
	atomic_sub(3, a);
	atomic_dec(a);
	assert(atomic_read(a) == 6);
	r0 = atomic_inc_return(a);
	assert(r0 == 7);
	r0 = atomic_add_return(3, a);
	assert(r0 == 10);
	r0 = atomic_sub_return(4, a);
	assert(r0 == 6);
	r0 = atomic_dec_return(a);
	assert(r0 == 5);
	r0 = atomic_fetch_add(2, a);
	assert(r0 == 5 && atomic_read(a) == 7);
	r0 = atomic_fetch_sub(7, a);
	assert(r0 == 7 && atomic_read(a) == 0);
	r0 = atomic_fetch_inc(a);
	assert(r0 == 0 && atomic_read(a) == 1);
	r0 = atomic_fetch_dec(a);
	assert(r0 == 1 && atomic_read(a) == 0);
	atomic_set(a, 12);
	atomic_or(1, a);
	atomic_and(5, a);
	atomic_xor(6, a);
	assert(atomic_read(a) == 3);
	r0 = atomic_fetch_or(12, a);
	assert(r0 == 3 && atomic_read(a) == 15);
	r0 = atomic_fetch_and(6, a);
	assert(r0 == 15 && atomic_read(a) == 6);
	r0 = atomic_fetch_xor(5, a);
	assert(r0 == 6 && atomic_read(a) == 3);
	r0 = atomic_xor_bits(a, 1);
	assert(r0 == 2 && atomic_read(a) == 2);
}

P1(atomic_t *b, int *x)
{
	int r0;
	int old;
	bool t;

	atomic_set(b, 2);
	t = atomic_sub_and_test(2, b);
	assert(t);
	t = atomic_inc_and_test(b);
	assert(!t);
	atomic_set(b, -1);
	t = atomic_inc_and_test(b);
	assert(t);
	t = atomic_dec_and_test(b);
	assert(!t && atomic_read(b) == -1);
	t = atomic_add_negative(1, b);
	assert(!t);
	t = atomic_add_negative(-2, b);
	assert(t && atomic_read(b) == -2);
	r0 = atomic_xchg(b, 4);
	assert(r0 == -2 && atomic_read(b) == 4);
	r0 = atomic_cmpxchg(b, 3, 9);
	assert(r0 == 4 && atomic_read(b) == 4);
	r0 = atomic_cmpxchg(b, 4, 9);
	assert(r0 == 4 && atomic_read(b) == 9);
	old = 8;
	t = atomic_try_cmpxchg(b, &old, 1);
	assert(!t && old == 9 && atomic_read(b) == 9);
	t = atomic_try_cmpxchg(b, &old, 1);
	assert(t && atomic_read(b) == 1);
	t = atomic_add_unless(b, 5, 1);
	assert(!t && atomic_read(b) == 1);
	t = atomic_add_unless(b, 5, 0);
	assert(t && atomic_read(b) == 6);
	atomic_set(b, 0);
	t = atomic_inc_not_zero(b);
	assert(!t && atomic_read(b) == 0);
	atomic_set(b, 3);
	t = atomic_inc_not_zero(b);
	assert(t && atomic_read(b) == 4);
	r0 = xchg(x, 5);
	assert(r0 == 0 && READ_ONCE(*x) == 5);
	r0 = cmpxchg(x, 5, 6);
	assert(r0 == 5 && READ_ONCE(*x) == 6);
	r0 = cmpxchg(x, 5, 7);
	assert(r0 == 6 && READ_ONCE(*x) == 6);
}
