C pte-free-defer-v3-large

(*
 * powerpc pte_free_defer() for page tables that share a page, final v3 form
 * (PROTOCOLS.md 2.3, variant a-C1), at a larger size: three fragments, two
 * concurrent retractions, one munmap and two walkers.  The functions are
 * the text of pte-free-defer-v3.grace; only the init block and the threads
 * differ.
 *
 * Source: mainline 32cc0b7c9d50 "powerpc: add pte_free_defer() for pgtables
 * sharing page" (Hugh Dickins), posted as "[PATCH v3 05/12] powerpc: add
 * pte_free_defer() for pgtables sharing page", 2023-06-21; current text in
 * torvalds/linux arch/powerpc/mm/pgtable-frag.c @ 00c010e130e5 (same logic,
 * ptdesc spelling).  The caller is retract_page_tables() as of 1d65b771bc08
 * "mm/khugepaged: retract_page_tables() without mmap or vma lock"; the
 * walkers are pte_offset_map() RCU readers of "[PATCH 01/12] mm/pgtable:
 * add rcu_read_lock() and rcu_read_unlock()s" (Hugh Dickins, 2023-05-28).
 *
 * Size: K = 2 retract threads, F = 1 munmap thread, W = 2 walkers, in the
 * K,F,W terms of the SPIN benchmark models (bench/spin,
 * pte-free-defer-v3.pml, row 2,1,2).  Unlike SPIN's walkers, which pick
 * any pmd nondeterministically, each walker here walks one fixed pmd.
 *
 * Objects: one 64K page pt holding three PTE fragments F0, F1, F2, so
 * pt_frag_refcount = 3; pmd0, pmd1, pmd2 map them.  Grace tracks a page
 * table as its page, so every slot holds pt and a fragment is passed around
 * as pt itself.
 *
 * Actors:
 *   P0, CPU0 task: khugepaged retract_page_tables() on the vma mapped by
 *       pmd0: pmd lock + pte lock, pmdp_collapse_flush(), unlock, then
 *       pte_free_defer(F0).
 *   P1, CPU1 task: the same on pmd1 / F1, concurrently: khugepaged and a
 *       MADV_COLLAPSE caller (or a second MADV_COLLAPSE) collapsing two
 *       file ranges whose page tables in this mm are fragments of one page.
 *   P2, CPU2 task: munmap free_pte_range() on pmd2: pmd_clear(), then
 *       pte_fragment_free(F2, 0) at once (the mmu_gather batch of the
 *       kernel is skipped, as in pte-free-defer-v3.grace).
 *   P3, CPU3 task: lockless RCU walker of pmd0: pte_offset_map()
 *       (rcu_read_lock(), pmdp_get_lockless()), ptep_get(), pte_unmap().
 *   P4, CPU4 task: the same walker on pmd1.
 *   pte_free_now() runs as an RCU callback in softirq on whichever CPU
 *       called call_rcu() (CPU0, CPU1 or CPU2).
 *
 * Locks: pml stands for pmd_lock(), ptl for the pte lock, shared by all
 * fragments of pt on ppc64 [inferred: pte_lockptr() takes the ptlock of
 * pmd_page()]; one pml for both pmds is a simplification (with split pmd
 * locks they may differ), harmless because both critical sections also
 * nest the shared ptl.
 *
 * Invariants: A-I1, pt is not freed while a walker that saw pmd0 -> pt or
 * pmd1 -> pt is still inside its RCU read-side section; A-I2, no call_rcu()
 * on pt's rcu_head while it is queued; A-I3, BUG_ON(pt_frag_refcount <= 0)
 * never fires and pt is freed once; A-I4, pt never reaches the allocator
 * with PG_active set.
 *
 * Expected --stats of a release build (sc): 12761 states,
 * 51084 transitions, depth 32, about 0.6 s and 120 MB.
 *
 * Expect: sc: pass
 * Expect: tso: pass
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
			call_rcu(&page->rcu_head, pte_free_now);
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

P4(pmd_t *pmd1)
{
	pte_t *pte;
	pte_t ptent;

	pte = pte_offset_map(pmd1, 0);		/* rcu_read_lock(); pmdp_get_lockless(pmd1) */
	if (!pte)				/* pmd1 empty: rcu_read_unlock() done */
		return;
	ptent = ptep_get(pte);
	pte_unmap(pte);				/* rcu_read_unlock() */
}
