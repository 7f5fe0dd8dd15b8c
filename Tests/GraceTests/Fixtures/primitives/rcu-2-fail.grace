C rcu-2-fail

(*
 * The reader reads the page after the outermost rcu_read_unlock(): it is no
 * longer a reader, the grace period can end and the old page be freed before
 * that read, a use-after-free.
 *
 * Expect: sc: violation use-after-free
 *)

{
	struct page old_pg;
	struct page new_pg;
	struct page *cur = &old_pg;
}

P0(struct page **cur)
{
	struct page *p;
	unsigned long *data;
	unsigned long r0;

	rcu_read_lock();
	rcu_read_lock();
	p = rcu_dereference(*cur);
	rcu_read_unlock();
	rcu_read_unlock();
	data = page_address(p);
	r0 = READ_ONCE(data[0]);
}

P1(struct page **cur, struct page *old_pg, struct page *new_pg)
{
	rcu_assign_pointer(*cur, new_pg);
	synchronize_rcu();
	__free_page(old_pg);
}
