C lifetime-4-fail

(*
 * The reader drops the lock after the lookup and reads the contents outside
 * it: the freer can unhook and free the page in between, and the read is a
 * use-after-free.
 *
 * Expect: sc: violation use-after-free
 *)

{
	struct page pg;
	struct page *cur = &pg;
	spinlock_t lock;
}

P0()
{
	struct page *p;
	unsigned long *data;
	unsigned long r0;

	spin_lock(&lock);
	p = cur;
	spin_unlock(&lock);
	if (p) {
		data = page_address(p);
		r0 = READ_ONCE(data[0]);
	}
}

P1()
{
	struct page *p;

	spin_lock(&lock);
	p = cur;
	cur = NULL;
	spin_unlock(&lock);
	if (p)
		__free_page(p);
}
