C pte-free-defer-always-rcu-no-call-rcu

(*
 * Mutant of Models/powerpc/pte-free-defer-always-rcu.grace (Jason
 * Gunthorpe's "always RCU" pte_fragment_free(), PROTOCOLS.md 2.6, a-C3;
 * "Re: [PATCH v2 05/12] powerpc: add pte_free_defer() for pgtables sharing
 * page", 2023-06-21) with the grace period removed: the last user
 * pte_fragment_free() no longer calls
 *     call_rcu(&page->rcu_head, pgtable_free_cb);
 * but pgtable_free_cb(&page->rcu_head) at once, which is the pre-series
 * immediate free.
 *
 * Actors as in the model: P0 and P1, CPU0/CPU1 task: khugepaged
 * retract_page_tables() on pmd0 / pmd1, pte_free_defer(); P2, CPU2 task:
 * munmap free_pte_range() on pmd2; P3, CPU3 task: pte_offset_map() RCU
 * walker of pmd0.
 *
 * Expected shortest failure (the one Grace prints): P2 clears pmd2 and
 * drops the count 3 -> 2; P3 takes rcu_read_lock() and reads pmd0 -> pt;
 * P0 collapses pmd0 and its pte_free_defer() drops the count 2 -> 1; P1
 * collapses pmd1 and its pte_free_defer() takes the count 1 -> 0 and frees
 * pt at once; P3 reads a pte of pt.  Invariant broken: A-I1.
 *
 * Expect: sc: violation use-after-free
 * Config: tlb_flush=broadcast
 *)

{
  struct page pt = { .pt_frag_refcount = 3 };
  pmd_t pmd0 = pt;
  pmd_t pmd1 = pt;
  pmd_t pmd2 = pt;
  spinlock_t pml;
  spinlock_t ptl;
}

void pgtable_free_cb(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	pgtable_pte_page_dtor(page);
	__free_page(page);
}

void pgtable_free_cb_kernel(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	__free_page(page);
}

/* table: the fragment, given as its page (kernel: unsigned long *table). */
void pte_fragment_free(struct page *table, int kernel)
{
	struct page *page = table;		/* virt_to_page(table) */

	/* if (PageReserved(page)) return free_reserved_page(page); never here */
	BUG_ON(atomic_read(&page->pt_frag_refcount) <= 0);
	if (atomic_dec_and_test(&page->pt_frag_refcount)) {
		/*
		 * Always RCU free pagetable memory. rcu_head overlaps with lru
		 * which is no longer in use by the time the table is freed.
		 */
		if (!kernel)
			pgtable_free_cb(&page->rcu_head);	/* REMOVED: call_rcu(&page->rcu_head, pgtable_free_cb); */
		else
			call_rcu(&page->rcu_head, pgtable_free_cb_kernel);
	}
}

/* pte_free(mm, pgtable): nothing special on powerpc any more [inferred] */
void pte_free_defer(struct mm_struct *mm, pgtable_t pgtable)
{
	pte_fragment_free(pgtable, 0);		/* (unsigned long *)pgtable */
}

P0(pmd_t *pmd0, spinlock_t *pml, spinlock_t *ptl)
{
	pmd_t pgt_pmd;

	/* retract_page_tables(), the vma mapped by pmd0 */
	spin_lock(pml);				/* pml = pmd_lock(mm, pmd) */
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);	/* ptl = pte_lockptr(mm, pmd) */
	pgt_pmd = pmdp_collapse_flush(NULL, 0, pmd0);
	spin_unlock(ptl);
	spin_unlock(pml);
	pte_free_defer(NULL, pmd_pgtable(pgt_pmd));
}

P1(pmd_t *pmd1, spinlock_t *pml, spinlock_t *ptl)
{
	pmd_t pgt_pmd;

	/* retract_page_tables(), the vma mapped by pmd1 */
	spin_lock(pml);				/* pml = pmd_lock(mm, pmd) */
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);	/* ptl = pte_lockptr(mm, pmd) */
	pgt_pmd = pmdp_collapse_flush(NULL, 0, pmd1);
	spin_unlock(ptl);
	spin_unlock(pml);
	pte_free_defer(NULL, pmd_pgtable(pgt_pmd));
}

P2(pmd_t *pmd2)
{
	pgtable_t token;

	/* free_pte_range() */
	token = pmd_pgtable(*pmd2);
	pmd_clear(pmd2);
	pte_fragment_free(token, 0);		/* what tlb_remove_table() ends in */
}

P3(pmd_t *pmd0)
{
	pte_t *pte;
	pte_t ptent;

	pte = pte_offset_map(pmd0, 0);		/* rcu_read_lock(); pmdp_get_lockless(pmd0) */
	if (!pte)				/* pmd0 empty: rcu_read_unlock() done */
		return;
	ptent = ptep_get(pte);
	pte_unmap(pte);				/* rcu_read_unlock() */
}
