C freelinked-pass

(*
 * Freeing what is no longer linked: P0 takes a page off a shared list
 * under the lock and frees it; P1 unlinks a kmalloc'ed item before kfree();
 * P1 then frees two pages still on a list whose head is its own local, as
 * free_vmemmap_page_list() does: nobody else can reach that list, which
 * dies with the function.
 *
 * Expect: sc: pass
 *)

struct item {
	struct list_head node;
	int value;
};

{
	struct page pg;
	struct page a;
	struct page b;
	struct list_head pages;
	struct list_head items;
	spinlock_t lock;
}

P0(struct page *pg, struct list_head *pages, spinlock_t *lock)
{
	spin_lock(lock);
	list_add(&pg->lru, pages);
	spin_unlock(lock);

	spin_lock(lock);
	list_del(&pg->lru);
	spin_unlock(lock);
	__free_page(pg);
}

P1(struct page *a, struct page *b, struct list_head *items)
{
	struct item *it;
	struct page *page;
	struct list_head local;

	it = kmalloc(sizeof(struct item), GFP_KERNEL);
	list_add(&it->node, items);
	list_del(&it->node);
	kfree(it);

	INIT_LIST_HEAD(&local);
	list_add(&a->lru, &local);
	list_add(&b->lru, &local);
	list_for_each_entry(page, &local, lru)
		__free_page(page);
}
