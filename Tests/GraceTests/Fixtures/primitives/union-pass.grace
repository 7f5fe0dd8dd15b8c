C union-pass

(*
 * page->lru and page->rcu_head share storage. P0 links the page on a list by
 * lru; P1 unlinks it with list_del_init() under the lock before reusing the
 * storage as rcu_head for call_rcu(), so the two members are never in use at
 * once and the callback frees the page.
 *
 * Expect: sc: pass
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
	spin_lock(lock);
	list_del_init(&pt->lru);
	spin_unlock(lock);
	call_rcu(&pt->rcu_head, pte_free_now);
}
