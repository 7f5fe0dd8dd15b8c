C pte-free-defer-v2-heightened

(*
 * powerpc pte_free_defer() v2, "heightened refcount" (PROTOCOLS.md 2.6,
 * variant a-C2; posted, not merged).
 *
 * Source: "[PATCH v2 05/12] powerpc: add pte_free_defer() for pgtables
 * sharing page", Hugh Dickins, 2023-06-20
 * (5cd9f442-61da-4c3d-eca-b7f44d22aa5f@google.com), first posted in "Re:
 * [PATCH 05/12] ..." on 2023-06-05: "account concurrent deferrals with a
 * heightened refcount, only the first making use of the rcu_head, but
 * re-deferring if more deferrals arrived during its grace period".
 * pte_fragment_free() is the pre-series one it was applied on, torvalds/linux
 * arch/powerpc/mm/pgtable-frag.c @ 2a146533bf96.  Superseded by v3 (merged
 * as 32cc0b7c9d50, see pte-free-defer-v3.grace).
 *
 * PTE_FREE_DEFERRED is 0x10000 ("beyond any PTE_FRAG_NR"); Grace has no
 * preprocessor, so each function that uses it declares it as a const local.
 * Each pending deferral adds PTE_FREE_DEFERRED - 1 to pt_frag_refcount
 * (its fragment's 1 becomes PTE_FREE_DEFERRED); only the deferral that
 * finds the count below 2 * PTE_FREE_DEFERRED queues the rcu_head.  The
 * callback pte_free_now() takes its own deferral back to 1 and frees that
 * fragment with pte_fragment_free(); if more deferrals arrived during the
 * grace period it folds them into one, drops its own fragment's 1 with
 * atomic_dec() and calls call_rcu() on the same rcu_head again, from inside
 * its own callback.  That is legal: RCU dequeues the head before it invokes
 * the callback (SPEC 2.4), so the re-queue is not an rcu-head-reuse.
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
 *   P1, CPU1 task: the same on pmd1 / F1, concurrently (khugepaged and a
 *       MADV_COLLAPSE caller collapsing two file ranges whose page tables
 *       in this mm share one page), so that one deferral can arrive while
 *       the other's grace period is running.
 *   P2, CPU2 task: munmap free_pte_range() on pmd2: pmd_clear(), then
 *       pte_fragment_free(F2, 0) at once (the kernel frees it from the
 *       mmu_gather batch; the model skips the batch, as
 *       pte-free-defer-v3.grace does).
 *   P3, CPU3 task: lockless RCU walker of pmd0, a pte_offset_map() user:
 *       rcu_read_lock(), pmdp_get_lockless(), ptep_get(), rcu_read_unlock().
 *       P0 and P1 run the same code, so P0's deferral is explored both as
 *       the first one and as the late one that forces the re-deferral.
 *   pte_free_now() runs as an RCU callback in softirq on the CPU that
 *       queued it (CPU0 or CPU1; a re-queue stays on that CPU).
 *
 * Locks: pml stands for pmd_lock(), ptl for the pte lock, shared by all
 * fragments of pt on ppc64 [inferred: pte_lockptr() takes the ptlock of
 * pmd_page()].
 *
 * Invariants: A-I1, pt is not freed while the walker that saw pmd0 -> pt is
 * still inside its RCU read-side section; A-I2, no call_rcu() on pt's
 * rcu_head while it is queued; A-I3, BUG_ON(pt_frag_refcount <= 0) never
 * fires and pt is freed once.  PROTOCOLS.md reports a hand trace of two
 * fragments without a violation [inferred]; this model checks it with two
 * concurrent deferrals and a munmap.
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

/* table: the fragment, given as its page (kernel: unsigned long *table). */
void pte_fragment_free(struct page *table, int kernel)
{
	struct page *page = table;		/* virt_to_page(table) */

	/* if (PageReserved(page)) return free_reserved_page(page); never here */
	BUG_ON(atomic_read(&page->pt_frag_refcount) <= 0);
	if (atomic_dec_and_test(&page->pt_frag_refcount)) {
		if (!kernel)
			pgtable_pte_page_dtor(page);
		__free_page(page);
	}
}

void pte_free_now(struct rcu_head *head)
{
	const int PTE_FREE_DEFERRED = 0x10000;	/* beyond any PTE_FRAG_NR */
	struct page *page;
	int refcount;

	page = container_of(head, struct page, rcu_head);
	refcount = atomic_sub_return(PTE_FREE_DEFERRED - 1,
				     &page->pt_frag_refcount);
	if (refcount < PTE_FREE_DEFERRED) {
		pte_fragment_free(page, 0);	/* (unsigned long *)page_address(page) */
		return;
	}
	/*
	 * One page may be shared between PTE_FRAG_NR pagetables.
	 * At least one more call to pte_free_defer() came in while we
	 * were already deferring, so the free must be deferred again;
	 * but just for one grace period, however many calls came in.
	 */
	while (refcount >= PTE_FREE_DEFERRED + PTE_FREE_DEFERRED) {
		refcount = atomic_sub_return(PTE_FREE_DEFERRED,
					     &page->pt_frag_refcount);
	}
	/* Remove that refcount of 1 left for fragment freeing above */
	atomic_dec(&page->pt_frag_refcount);
	call_rcu(&page->rcu_head, pte_free_now);
}

void pte_free_defer(struct mm_struct *mm, pgtable_t pgtable)
{
	const int PTE_FREE_DEFERRED = 0x10000;
	struct page *page;

	page = pgtable;				/* virt_to_page(pgtable) */
	/*
	 * One page may be shared between PTE_FRAG_NR pagetables: only queue
	 * it once for freeing, but note whenever the free must be deferred.
	 *
	 * Convert our refcount of 1 to a refcount of PTE_FREE_DEFERRED, and
	 * proceed to call_rcu() only when the rcu_head is not already in use.
	 */
	if (atomic_add_return(PTE_FREE_DEFERRED - 1, &page->pt_frag_refcount) <
			      PTE_FREE_DEFERRED + PTE_FREE_DEFERRED)
		call_rcu(&page->rcu_head, pte_free_now);
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
