C once-fail

(*
 * The same fields and pointer, published before the fields are written:
 * a reader can follow the pointer and find a field still 0.
 *
 * Expect: sc: sometimes
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
	WRITE_ONCE(h->ptr, &h->o);
	WRITE_ONCE(h->o.a, 1);
	WRITE_ONCE(h->o.self, &h->o);
}

P1(struct holder *h)
{
	struct obj *p;
	int r0 = 1;

	p = READ_ONCE(h->ptr);
	if (p)
		r0 = READ_ONCE(p->a);
}

exists (1:r0=0)
