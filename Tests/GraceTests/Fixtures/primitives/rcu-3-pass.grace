C rcu-3-pass

(*
 * Deferred free: the updater unpublishes the old page and queues
 * call_rcu(&old_pg->rcu_head) with a callback that frees it; the callback
 * runs only after a grace period, when no reader can still be using the old
 * page.
 *
 * Expect: sc: pass
 *)

{
	struct page old_pg;
	struct page new_pg;
	struct page *cur = &old_pg;
}

void pte_free_now(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	__free_page(page);
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
	call_rcu(&old_pg->rcu_head, pte_free_now);
}
