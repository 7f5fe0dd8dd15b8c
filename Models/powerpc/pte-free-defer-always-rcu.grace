C pte-free-defer-always-rcu

(*
 * powerpc page-table fragments freed "always by RCU", Jason Gunthorpe's
 * alternative to pte_free_defer() v2 (PROTOCOLS.md 2.6, variant a-C3;
 * review diff, not merged).
 *
 * Source: "Re: [PATCH v2 05/12] powerpc: add pte_free_defer() for pgtables
 * sharing page", Jason Gunthorpe, 2023-06-21 (ZJI7xkXWmjrE1yY3@ziepe.ca):
 * pte_fragment_free() queues the last fragment's free with call_rcu()
 * (pgtable_free_cb(), or pgtable_free_cb_kernel() for kernel tables)
 * instead of freeing at once; "This means pte_free_defer() won't do
 * anything special on PPC as PPC will always RCU free these things", and
 * "it means PPC would double RCU the final free on the TLB path, but that
 * is probably OK".  The diff is against the pre-series pte_fragment_free(),
 * torvalds/linux arch/powerpc/mm/pgtable-frag.c @ 2a146533bf96.  The diff
 * shows no pte_free_defer(); as Jason says it does nothing special, it is
 * written here as pte_free() = pte_fragment_free(table, 0) [inferred].
 *
 * Why the single rcu_head is enough: only the decrement that takes
 * pt_frag_refcount to 0 calls call_rcu(), and that happens once per page,
 * since powerpc never reuses a freed fragment.
 *
 * Objects: one 64K page pt holding three PTE fragments F0, F1, F2, so
 * pt_frag_refcount = 3; pmd0, pmd1, pmd2 map them.  Grace tracks a page
 * table as its page, so every slot holds pt and a fragment is passed around
 * as pt itself.
 *
 * Actors (the same threads as pte-free-defer-v2-heightened.grace):
 *   P0, CPU0 task: khugepaged retract_page_tables() on the vma mapped by
 *       pmd0: pmd lock + pte lock, pmdp_collapse_flush(), unlock, then
 *       pte_free_defer(F0).
 *   P1, CPU1 task: the same on pmd1 / F1, concurrently (khugepaged and a
 *       MADV_COLLAPSE caller collapsing two file ranges whose page tables
 *       in this mm share one page).
 *   P2, CPU2 task: munmap free_pte_range() on pmd2: pmd_clear(), then
 *       pte_fragment_free(F2, 0) at once.  The kernel frees F2 from the
 *       mmu_gather batch callback, after the batch's own grace period (the
 *       "double RCU" Jason mentions); the model skips the batch, as
 *       pte-free-defer-v3.grace does.
 *   P3, CPU3 task: lockless RCU walker of pmd0, a pte_offset_map() user:
 *       rcu_read_lock(), pmdp_get_lockless(), ptep_get(), rcu_read_unlock().
 *   pgtable_free_cb() runs as an RCU callback in softirq on the CPU whose
 *       decrement reached 0.
 *
 * Locks: pml stands for pmd_lock(), ptl for the pte lock, shared by all
 * fragments of pt on ppc64 [inferred: pte_lockptr() takes the ptlock of
 * pmd_page()].
 *
 * Invariants: A-I1, pt is not freed while the walker that saw pmd0 -> pt is
 * still inside its RCU read-side section; A-I2, no call_rcu() on pt's
 * rcu_head while it is queued; A-I3, BUG_ON(pt_frag_refcount <= 0) never
 * fires and pt is freed once.
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
			call_rcu(&page->rcu_head, pgtable_free_cb);
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
