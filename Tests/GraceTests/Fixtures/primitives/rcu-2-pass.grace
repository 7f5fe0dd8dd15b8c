C rcu-2-pass

(*
 * rcu_read_lock() nests: the reader's critical section lasts until the
 * outermost rcu_read_unlock(), so its read of the page after the inner unlock
 * is still protected by the updater's synchronize_rcu().
 *
 * Expect: sc: pass
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
	data = page_address(p);
	r0 = READ_ONCE(data[0]);
	rcu_read_unlock();
}

P1(struct page **cur, struct page *old_pg, struct page *new_pg)
{
	rcu_assign_pointer(*cur, new_pg);
	synchronize_rcu();
	__free_page(old_pg);
}
