C rcu-3-fail

(*
 * The updater calls the freeing callback directly instead of through
 * call_rcu(): the page is freed with no grace period and a reader that
 * picked up the old pointer reads it after the free.
 *
 * Expect: sc: violation use-after-free
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
	pte_free_now(&old_pg->rcu_head);
}
