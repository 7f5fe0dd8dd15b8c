C once-pass

(*
 * READ_ONCE() and WRITE_ONCE() on struct fields and on pointers: P0 fills
 * an object's fields and publishes a pointer to it with WRITE_ONCE() after
 * smp_wmb(); P1 reads the pointer with READ_ONCE() and follows it (an
 * address dependency).  Under sc the reader that sees the pointer sees the
 * fields.
 *
 * Expect: sc: never
 *)

struct obj {
	int a;
	struct obj *self;
};

struct holder {
	struct obj *ptr;
	struct obj o;
};

{
	struct holder h;
}

P0(struct holder *h)
{
	WRITE_ONCE(h->o.a, 1);
	WRITE_ONCE(h->o.self, &h->o);
	smp_wmb();
	WRITE_ONCE(h->ptr, &h->o);
}

P1(struct holder *h)
{
	struct obj *p;
	struct obj *q;
	int r0 = 1;
	int r1 = 1;

	p = READ_ONCE(h->ptr);
	if (p) {
		q = READ_ONCE(p->self);
		r0 = READ_ONCE(q->a);
		r1 = READ_ONCE(p->a);
	}
}

exists (1:r0=0 \/ 1:r1=0)
