C rcu-pass

(*
 * Classic RCU replacement: the reader follows cur with rcu_dereference() and
 * reads the page inside rcu_read_lock(); the updater publishes the new page
 * with rcu_assign_pointer() and frees the old one after synchronize_rcu(),
 * which waits for every reader that could still hold the old pointer.
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
	p = rcu_dereference(*cur);
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
