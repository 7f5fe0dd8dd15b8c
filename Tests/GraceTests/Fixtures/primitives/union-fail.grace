C union-fail

(*
 * P1 queues page->rcu_head with call_rcu() while the page is still linked on
 * the list by page->lru, the member sharing its storage: union misuse (the
 * kernel would corrupt the list).
 *
 * Expect: sc: violation union-misuse
 *)

{
	struct page pt;
	struct list_head pgtable_list;
	spinlock_t lock;
	int ready = 0;
}

void pte_free_now(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	pagetable_free(page);
}

P0(struct page *pt, struct list_head *pgtable_list, spinlock_t *lock, int *ready)
{
	INIT_LIST_HEAD(pgtable_list);
	spin_lock(lock);
	list_add(&pt->lru, pgtable_list);
	spin_unlock(lock);
	smp_store_release(ready, 1);
}

P1(struct page *pt, spinlock_t *lock, int *ready)
{
	while (!smp_load_acquire(ready))
		cpu_relax();
	call_rcu(&pt->rcu_head, pte_free_now);
}
