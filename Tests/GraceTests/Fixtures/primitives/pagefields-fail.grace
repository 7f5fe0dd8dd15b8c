C pagefields-fail

(*
 * The same page, but P0 assumes that when its own drop did not reach zero the
 * fragment count it left behind (1) is still there: P1 can drop the last
 * fragment in between, and P0's BUG_ON on pt_frag_refcount fires.
 *
 * Expect: sc: violation bug
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
	if (atomic_dec_and_test(&page->_refcount))
		pagetable_free(page);
}

P0(struct page *pt, struct mm_struct *mm)
{
	unsigned long *ptes;

	BUG_ON(READ_ONCE(pt->pt_mm) != mm);
	ptes = page_address(pt);
	WRITE_ONCE(ptes[0], 0);
	if (atomic_dec_and_test(&pt->pt_frag_refcount))
		call_rcu(&pt->rcu_head, pte_free_now);
	else
		BUG_ON(atomic_read(&pt->pt_frag_refcount) != 1);
}

P1(struct page *pt, struct mm_struct *mm)
{
	unsigned long *ptes;

	BUG_ON(READ_ONCE(pt->pt_mm) != mm);
	ptes = page_address(pt);
	WRITE_ONCE(ptes[2], 0);
	if (atomic_dec_and_test(&pt->pt_frag_refcount))
		call_rcu(&pt->rcu_head, pte_free_now);
}
