C pte-free-defer-v3

(*
 * powerpc pte_free_defer() for page tables that share a page, final v3 form
 * (PROTOCOLS.md 2.3, variant a-C1).
 *
 * Source: mainline 32cc0b7c9d50 "powerpc: add pte_free_defer() for pgtables
 * sharing page" (Hugh Dickins), posted as "[PATCH v3 05/12] powerpc: add
 * pte_free_defer() for pgtables sharing page", 2023-06-21; current text in
 * torvalds/linux arch/powerpc/mm/pgtable-frag.c @ 00c010e130e5 (same logic,
 * ptdesc spelling).  The caller is retract_page_tables() as of 1d65b771bc08
 * "mm/khugepaged: retract_page_tables() without mmap or vma lock"; the walker
 * is the pte_offset_map() RCU reader of "[PATCH 01/12] mm/pgtable: add
 * rcu_read_lock() and rcu_read_unlock()s" (Hugh Dickins, 2023-05-28).
 *
 * Objects: one 64K page pt holding two PTE fragments F0 and F1, so
 * pt_frag_refcount = 2.  pmd0 maps F0 and pmd1 maps F1; Grace tracks a page
 * table as its page, so both slots hold pt and a fragment is passed around
 * as pt itself (the kernel passes a pte_t * into the page and gets the page
 * back with virt_to_page(); in Grace pgtable_t is a struct page pointer).
 *
 * Actors:
 *   P0, CPU0 task: khugepaged retract_page_tables() on the vma mapped by
 *       pmd0: pmd lock + pte lock, pmdp_collapse_flush(), unlock, then
 *       pte_free_defer(F0).  i_mmap_lock_read(), the mmu notifiers,
 *       pmdp_get_lockless_sync() (a no-op on ppc64) and mm_dec_nr_ptes()
 *       are left out.
 *   P1, CPU1 task: munmap free_pte_range() on pmd1: pmd_clear(), then
 *       pte_fragment_free(F1, 0) at once.  The kernel goes through
 *       pte_free_tlb() -> tlb_remove_table() and frees F1 only from the
 *       mmu_gather batch callback; the model skips that batch and frees
 *       directly, which only makes munmap's side more aggressive.
 *   P2, CPU2 task: lockless RCU walker, a pte_offset_map() user:
 *       pte_offset_map(pmd0) takes rcu_read_lock() and reads pmd0 with
 *       pmdp_get_lockless(); if pmd0 names no table it returns NULL after
 *       rcu_read_unlock(), else a pte of the table, which the walker reads
 *       with ptep_get() before pte_unmap() (rcu_read_unlock()).  It walks
 *       the retracted fragment F0, the one pte_free_defer() must protect;
 *       walkers of F1 are protected in the kernel by the mmu_gather batch
 *       that this model leaves out (in this model they would be safe too:
 *       once SetPageActive() has run, every final free goes through
 *       call_rcu(), A-I5; checked with the walker moved to pmd1).
 *   pte_free_now() runs as an RCU callback in softirq on whichever CPU
 *       called call_rcu() (CPU0 or CPU1).
 *
 * Locks: pml stands for pmd_lock(); ptl for the pte lock, which on ppc64
 * is the split ptlock of the fragment's struct page, so all fragments of pt
 * share it [inferred: pte_lockptr() takes the ptlock of pmd_page()].
 * pgtable_pte_page_dtor() is the v6.5 name of today's pagetable_dtor().
 *
 * Invariants: A-I1, pt is not freed while a walker that saw pmd0 -> pt is
 * still inside its RCU read-side section (a pte read of freed pt is a
 * use-after-free); A-I2, no call_rcu() on pt's rcu_head while it is queued;
 * A-I3, BUG_ON(pt_frag_refcount <= 0) never fires and pt is freed once;
 * A-I4, pt never reaches the allocator with PG_active set.
 *
 * ppc64 radix flushes the TLB by broadcast (tlbie), so nothing here waits
 * for the walker but the grace period.
 *
 * Under lkmm it passes too: atomic_dec_and_test() is fully ordered, so the
 * CPU whose decrement reaches 0 reads the other's decrement, which follows
 * its SetPageActive(), and TestClearPageActive() (fully ordered after the
 * decrement) sees PG_active; every final free then goes through call_rcu(),
 * whose grace period orders the walker's pte read before the free.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Expect: lkmm: pass
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
