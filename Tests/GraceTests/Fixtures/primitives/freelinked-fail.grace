C freelinked-fail

(*
 * Freeing a page while its lru is still on a shared list: the buddy
 * allocator would reuse page->lru for its free lists, and the next
 * operation on the shared list (here P1's list_empty() or list_del())
 * would follow the freed page.  Grace reports it at the free.
 *
 * Expect: sc: violation list-corruption
 *)

{
	struct page pg;
	struct list_head pages;
	spinlock_t lock;
}

P0(struct page *pg, struct list_head *pages, spinlock_t *lock)
{
	spin_lock(lock);
	list_add(&pg->lru, pages);
	spin_unlock(lock);
	__free_page(pg);			/* still on pages */
}

P1(struct list_head *pages, spinlock_t *lock)
{
	int empty;

	spin_lock(lock);
	empty = list_empty(pages);
	spin_unlock(lock);
}
