C pte-free-defer-v3-no-call-rcu

(*
 * Mutant of Models/powerpc/pte-free-defer-v3.grace (powerpc
 * pte_free_defer() final v3, PROTOCOLS.md 2.3, a-C1; mainline 32cc0b7c9d50
 * "powerpc: add pte_free_defer() for pgtables sharing page") with the
 * grace period removed: when the last fragment is freed and PG_active was
 * set, pte_fragment_free() no longer calls
 *     call_rcu(&page->rcu_head, pte_free_now);
 * but pte_free_now(&page->rcu_head) at once.
 *
 * Actors as in the model: P0, CPU0 task: khugepaged retract_page_tables()
 * on pmd0, pte_free_defer(F0); P1, CPU1 task: munmap free_pte_range() on
 * pmd1, pte_fragment_free(F1, 0); P2, CPU2 task: pte_offset_map() RCU
 * walker of pmd0.
 *
 * Expected shortest failure (the one Grace prints): P1 clears pmd1 and
 * decrements 2 -> 1; P2 takes rcu_read_lock() and reads pmd0 -> pt; P0
 * collapses pmd0, SetPageActive(), decrements 1 -> 0,
 * TestClearPageActive() finds the flag set, and pt is freed at once; P2
 * reads a pte of pt.  Invariant broken: A-I1.
 *
 * Expect: sc: violation use-after-free
 * Config: tlb_flush=broadcast
 *)

{
  struct page pt = { .pt_frag_refcount = 2 };
  pmd_t pmd0 = pt;
  pmd_t pmd1 = pt;
  spinlock_t pml;
  spinlock_t ptl;
}

void pte_free_now(struct rcu_head *head)
{
	struct page *page;

	page = container_of(head, struct page, rcu_head);
	pgtable_pte_page_dtor(page);
	__free_page(page);
}

/* table: the fragment, given as its page (kernel: unsigned long *table). */
void pte_fragment_free(struct page *table, int kernel)
{
	struct page *page = table;		/* virt_to_page(table) */

	/* if (PageReserved(page)) return free_reserved_page(page); never here */
	BUG_ON(atomic_read(&page->pt_frag_refcount) <= 0);
	if (atomic_dec_and_test(&page->pt_frag_refcount)) {
		if (kernel)
			__free_page(page);
		else if (TestClearPageActive(page))
			pte_free_now(&page->rcu_head);	/* REMOVED: call_rcu(&page->rcu_head, pte_free_now); */
		else
			pte_free_now(&page->rcu_head);
	}
}

void pte_free_defer(struct mm_struct *mm, pgtable_t pgtable)
{
	struct page *page;

	page = pgtable;				/* virt_to_page(pgtable) */
	SetPageActive(page);
	pte_fragment_free(pgtable, 0);
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

P1(pmd_t *pmd1)
{
	pgtable_t token;

	/* free_pte_range() */
	token = pmd_pgtable(*pmd1);
	pmd_clear(pmd1);
	pte_fragment_free(token, 0);		/* what tlb_remove_table() ends in */
}

P2(pmd_t *pmd0)
{
	pte_t *pte;
	pte_t ptent;

	pte = pte_offset_map(pmd0, 0);		/* rcu_read_lock(); pmdp_get_lockless(pmd0) */
	if (!pte)				/* pmd0 empty: rcu_read_unlock() done */
		return;
	ptent = ptep_get(pte);
	pte_unmap(pte);				/* rcu_read_unlock() */
}
