C lifetime-4-pass

(*
 * A lock-protected pointer: the reader looks the page up and reads its
 * contents inside the lock; the freer unhooks the pointer inside the same lock
 * and frees the page after unlocking. Either the reader finds NULL or it has
 * finished reading before the unhook, so every access precedes the free.
 *
 * Expect: sc: pass
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
	if (p) {
		data = page_address(p);
		r0 = READ_ONCE(data[0]);
	}
	spin_unlock(&lock);
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
