C pte-free-defer-a-b2-late-active

(*
 * powerpc pte_free_defer() with the deferral flag set too late
 * (PROTOCOLS.md 2.6, variant a-B2, [synthetic]).
 *
 * Source: the v3 code of mainline 32cc0b7c9d50 "powerpc: add
 * pte_free_defer() for pgtables sharing page" ("[PATCH v3 05/12] powerpc:
 * add pte_free_defer() for pgtables sharing page", Hugh Dickins,
 * 2023-06-21), with the two lines of pte_free_defer() swapped:
 * pte_fragment_free() first, SetPageActive() after.  No kernel commit has
 * this bug; it shows why SetPageActive() must come before the decrement.
 * Diff it against pte-free-defer-v3.grace: pte_free_now(),
 * pte_fragment_free(), the khugepaged thread and the walker are the same
 * text, pte_free_defer() differs only in that swap; the init block and the
 * absent munmap thread are explained below.
 *
 * Objects: one 64K page pt of PTE fragments whose other fragments were all
 * freed earlier (munmap), so pt_frag_refcount = 1 and F0, hooked at pmd0,
 * is the last one.  Grace tracks a page table as its page, so F0 is passed
 * around as pt.
 *
 * Actors:
 *   P0, CPU0 task: khugepaged retract_page_tables() on pmd0: pmd lock + pte
 *       lock, pmdp_collapse_flush(), unlock, pte_free_defer(F0).
 *   P1, CPU1 task: lockless RCU walker, as in pte-free-defer-v3.grace:
 *       pte_offset_map(pmd0) (rcu_read_lock(), pmdp_get_lockless(), NULL if
 *       no table), ptep_get() of a pte, pte_unmap() (rcu_read_unlock()).
 *
 * Why one retracting thread and no concurrent munmap: with a second
 * fragment freed concurrently, the shortest failure is a different one
 * (munmap's TestClearPageActive() finds the flag clear, then khugepaged's
 * late SetPageActive() lands before munmap's __free_page(): bad-page-state,
 * A-I4).  Checked: with pt_frag_refcount = 2 and a munmap thread freeing
 * F1 as in pte-free-defer-v3.grace, Grace's shortest violation is that
 * bad-page-state, in a shorter trace than the use-after-free of
 * PROTOCOLS.md's a-B2 interleaving (the walker's two steps against the flag
 * landing between munmap's test and free); PROTOCOLS.md lists the
 * use-after-free first only because its interleaving lets munmap free
 * before the late SetPageActive().  With F0 the last fragment the only
 * failure is the one a-B2 is about: the decrement to 0 happens before the
 * flag is set, so TestClearPageActive() fails and pt is freed at once,
 * with no grace period, under the walker.
 *
 * Shortest failure: P1 reads pmd0 -> pt inside rcu_read_lock(); P0
 * collapses pmd0 and runs pte_free_defer(): atomic_dec_and_test() 1 -> 0,
 * TestClearPageActive() == 0, pte_free_now() frees pt; P1 reads a pte of pt.
 * Invariant broken (under lkmm too: the pte read races with the free): A-I1,
 * pt is not freed while a walker that saw pmd0 -> pt is still in its reader.
 * Expect: sc: violation use-after-free
 * Expect: tso: violation use-after-free
 * Expect: lkmm: violation use-after-free
 * Config: tlb_flush=broadcast
 *)

{
  struct page pt = { .pt_frag_refcount = 1 };
  pmd_t pmd0 = pt;
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
	pte_fragment_free(pgtable, 0);		/* BUG: the decrement comes first */
	SetPageActive(page);			/* too late */
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

P1(pmd_t *pmd0)
{
	pte_t *pte;
	pte_t ptent;

	pte = pte_offset_map(pmd0, 0);		/* rcu_read_lock(); pmdp_get_lockless(pmd0) */
	if (!pte)				/* pmd0 empty: rcu_read_unlock() done */
		return;
	ptent = ptep_get(pte);
	pte_unmap(pte);				/* rcu_read_unlock() */
}
