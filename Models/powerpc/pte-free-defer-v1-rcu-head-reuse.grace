C pte-free-defer-v1-rcu-head-reuse

(*
 * powerpc pte_free_defer() v1: one call_rcu() per fragment on the single
 * rcu_head of the shared page (PROTOCOLS.md 2.6, variant a-B1).
 *
 * Source: "[PATCH 05/12] powerpc: add pte_free_defer() for pgtables sharing
 * page", Hugh Dickins, 2023-05-28 (v1); reported by Matthew Wilcox in "Re:
 * [PATCH 05/12] powerpc: add pte_free_defer() ...", 2023-05-29: "if you
 * have two page tables from the same page being defer-freed simultaneously,
 * you'll reuse the rcu_head and I cannot imagine things go well".
 * pte_fragment_free() is the pre-series one, torvalds/linux
 * arch/powerpc/mm/pgtable-frag.c @ 2a146533bf96.  Fixed by v2/v3, merged as
 * 32cc0b7c9d50.
 *
 * Objects: one 64K page pt holding two PTE fragments F0 and F1
 * (pt_frag_refcount = 2), hooked at pmd0 and pmd1, for instance two vmas of
 * one mm that map the same file range.  Grace tracks a page table as its
 * page, so both slots hold pt and each fragment is passed around as pt.
 *
 * Actors:
 *   P0, CPU0 task: khugepaged retract_page_tables() visiting both vmas in
 *       one pass (the loop body written out twice): pmd lock + pte lock,
 *       pmdp_collapse_flush(), unlock, pte_free_defer(); first pmd0/F0,
 *       then pmd1/F1.  One pml/ptl pair stands for the locks of both
 *       pmds; P0 holds them one vma at a time, so nothing depends on it.
 *   pte_free_now() runs as an RCU callback in softirq on CPU0.
 *
 * Shortest failure: both retractions complete inside one grace period, so
 * the second pte_free_defer() calls call_rcu() on pt's rcu_head while the
 * first call_rcu() still has it queued.  (If a grace period ends between
 * the two, the first callback has already dequeued the head and the run
 * passes; Grace must find the other order.)  Under lkmm as well.
 * Invariant broken: A-I2, no call_rcu() on pt's rcu_head while it is queued.
 * Expect: sc: violation rcu-head-reuse
 * Expect: tso: violation rcu-head-reuse
 * Expect: lkmm: violation rcu-head-reuse
 * Config: tlb_flush=broadcast
 *)

{
  struct page pt = { .pt_frag_refcount = 2 };
  pmd_t pmd0 = pt;
  pmd_t pmd1 = pt;
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
	struct page *page;

	page = container_of(head, struct page, rcu_head);
	pte_fragment_free(page, 0);		/* (unsigned long *)page_to_virt(page) */
}

void pte_free_defer(struct mm_struct *mm, pgtable_t pgtable)
{
	struct page *page;

	page = pgtable;				/* virt_to_page(pgtable) */
	call_rcu(&page->rcu_head, pte_free_now);
}

P0(pmd_t *pmd0, pmd_t *pmd1, spinlock_t *pml, spinlock_t *ptl)
{
	pmd_t pgt_pmd;

	/* retract_page_tables(): first vma, pmd0 */
	spin_lock(pml);				/* pml = pmd_lock(mm, pmd) */
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);	/* ptl = pte_lockptr(mm, pmd) */
	pgt_pmd = pmdp_collapse_flush(NULL, 0, pmd0);
	spin_unlock(ptl);
	spin_unlock(pml);
	pte_free_defer(NULL, pmd_pgtable(pgt_pmd));

	/* retract_page_tables(): second vma, pmd1 */
	spin_lock(pml);
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	pgt_pmd = pmdp_collapse_flush(NULL, 0, pmd1);
	spin_unlock(ptl);
	spin_unlock(pml);
	pte_free_defer(NULL, pmd_pgtable(pgt_pmd));
}
