C pagefields-pass

(*
 * The built-in struct page fields used consistently: a page table page with
 * designated initialisers for _refcount, pt_frag_refcount, index and pt_mm;
 * each of two fragment users checks pt_mm, touches its ptes and drops its
 * fragment; the last one queues page->rcu_head (lru is only initialised,
 * never linked, so the union is free) and the callback checks the fields and
 * frees the page, which drops the last _refcount (pagetable_free() is a
 * put_page_testzero(), as in the kernel).
 *
 * Expect: sc: pass
 *)

{
	struct mm_struct mm;
	struct page pt = { ._refcount = 1, .pt_frag_refcount = 2, .index = 7, .pt_mm = &mm };
}

void pte_free_now(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	BUG_ON(atomic_read(&page->pt_frag_refcount) != 0);
	BUG_ON(page->index != 7 || page->pt_mm != &mm);
	BUG_ON(atomic_read(&page->_refcount) != 1);
	pagetable_free(page);
}

P0(struct page *pt, struct mm_struct *mm)
{
	unsigned long *ptes;

	INIT_LIST_HEAD(&pt->lru);
	VM_BUG_ON(!list_empty(&pt->lru));
	BUG_ON(READ_ONCE(pt->pt_mm) != mm);
	ptes = page_address(pt);
	WRITE_ONCE(ptes[0], 0);
	if (atomic_dec_and_test(&pt->pt_frag_refcount))
		call_rcu(&pt->rcu_head, pte_free_now);
}

P1(struct page *pt, struct mm_struct *mm)
{
	unsigned long *ptes;

	BUG_ON(READ_ONCE(pt->pt_mm) != mm);
	BUG_ON(atomic_read(&pt->_refcount) != 1);
	ptes = page_address(pt);
	WRITE_ONCE(ptes[2], 0);
	if (atomic_dec_and_test(&pt->pt_frag_refcount))
		call_rcu(&pt->rcu_head, pte_free_now);
}
