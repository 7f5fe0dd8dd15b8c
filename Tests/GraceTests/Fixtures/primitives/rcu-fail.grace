C rcu-fail

(*
 * The updater frees the old page right after unpublishing it, without
 * synchronize_rcu(): a reader that picked up the old pointer just before can
 * read the page after the free, a use-after-free.
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
	p = rcu_dereference(*cur);
	data = page_address(p);
	r0 = READ_ONCE(data[0]);
	rcu_read_unlock();
}

P1(struct page **cur, struct page *old_pg, struct page *new_pg)
{
	rcu_assign_pointer(*cur, new_pg);
	__free_page(old_pg);
}
