C pte-fragment-free-pasted

(*
 * powerpc pte_free_defer() and pte_fragment_free() pasted from the kernel
 * (PROTOCOLS.md 2.3, variant a-C1), with munmap's side freeing its
 * fragment through the built-in mmu_gather, as the kernel does.
 *
 * Source: torvalds/linux arch/powerpc/mm/pgtable-frag.c @ 00c010e130e5
 * (PROTOCOLS.md S1): pte_free_now(), pte_fragment_free() and
 * pte_free_defer() below are that file's text, with these changes:
 *   - pte_free_defer(): "pgtable_t pgtable" is "pte_t *pgtable".  On
 *     powerpc pgtable_t is pte_t *, the fragment's address; Grace's
 *     pgtable_t is struct page *.
 *   - pte_free_defer(): the #ifdef CONFIG_TRANSPARENT_HUGEPAGE around it
 *     is left out (Grace has no conditional compilation).
 * Nothing else differs.  What Grace does not have, the model defines:
 *   - pagetable_is_reserved() is false: only early boot page tables are
 *     PG_reserved, and retract and munmap never free those;
 *     free_reserved_ptdesc() is then never called, and BUG()s if it is.
 *   - __tlb_remove_table() is pgtable_free(table, PTE_INDEX), whose
 *     PTE_INDEX arm is pte_fragment_free(table, 0) (book3s64 pgalloc.h and
 *     pgtable.c; PTE_INDEX is 0, so pgtable_free_tlb() passes the table
 *     address to tlb_remove_table() untagged).
 *
 * Objects: one 64K page pt holding two PTE fragments, F0 its first half
 * (pmd0) and F1 its second (pmd1), so pt_frag_refcount = 2.  A pmd in Grace
 * holds the table's page, so each caller computes its fragment's address
 * as pmd_pgtable() (pmd_page_vaddr()) does in the kernel: F0 at
 * page_address(pt), F1 PTRS_PER_PTE / 2 words further (a Grace page holds
 * page_words = PTRS_PER_PTE words; the kernel's page holds PTE_FRAG_NR
 * fragments of PTRS_PER_PTE ptes each).
 *
 * Actors:
 *   P0, CPU0 task: khugepaged retract_page_tables() on pmd0 (v6.6+):
 *       pmd lock + pte lock, pmdp_collapse_flush(), unlock, then
 *       pte_free_defer(mm, F0).
 *   P1, CPU1 task: munmap free_pgtables() on pmd1: tlb_gather_mmu(),
 *       free_pte_range() (pmd_clear(); pte_free_tlb() -> __pte_free_tlb()
 *       -> pgtable_free_tlb(tlb, F1, PTE_INDEX) -> tlb_remove_table()),
 *       tlb_finish_mmu().  The built-in tlb_remove_table() is
 *       CONFIG_MMU_GATHER_RCU_TABLE_FREE: F1 is freed by
 *       __tlb_remove_table() from the batch's RCU callback (softirq on
 *       CPU1), or, when the batch page cannot be allocated, after the
 *       IPI, at once, in task context.
 *   P2, CPU2 task: lockless RCU walker of pmd0, a pte_offset_map() user.
 *   pte_free_now() runs as an RCU callback in softirq on the CPU that
 *       called call_rcu(), or at once from pte_fragment_free().
 *
 * Invariants: A-I1, pt is not freed while the walker that saw pmd0 -> pt
 * is inside its RCU read-side section (use-after-free); A-I2, pt's
 * rcu_head is not queued twice (rcu-head-reuse); A-I3, BUG_ON(refcount <=
 * 0) never fires and pt is freed once; A-I4, pt never reaches the
 * allocator with PG_active set (bad-page-state).  P0 sets PG_active
 * before it drops F0, so whichever side drops the last fragment (P0, the
 * batch's callback, or P1 itself after the fallback IPI) finds it set and
 * frees the page through call_rcu().
 *
 * ppc64 radix flushes the TLB by broadcast (tlbie), so nothing waits for
 * the walker but the grace period.
 *
 * Weak memory models (not checked yet): pass is expected under tso and
 * lkmm.  The one ordering this relies on is PROTOCOLS.md 2.4's message
 * passing: folio_set_active() (relaxed) before P0's atomic_dec_and_test(),
 * and the other side's atomic_dec_and_test() before its
 * folio_test_clear_active(); both RMWs are fully ordered, so the side that
 * reaches zero sees PG_active.  The free after a grace period needs no
 * more than call_rcu()'s own guarantee.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=broadcast
 *)

{
	struct page pt = { .pt_frag_refcount = 2 };
	pmd_t pmd0 = pt;
	pmd_t pmd1 = pt;
	spinlock_t pml;
	spinlock_t ptl;
}

/* Page tables freed here are never PG_reserved. */
bool pagetable_is_reserved(struct ptdesc *ptdesc)
{
	return false;
}

void free_reserved_ptdesc(struct ptdesc *ptdesc)
{
	BUG();
}

/* arch/powerpc/mm/pgtable-frag.c */
static void pte_free_now(struct rcu_head *head)
{
	struct ptdesc *ptdesc;

	ptdesc = container_of(head, struct ptdesc, pt_rcu_head);
	pagetable_dtor(ptdesc);
	pagetable_free(ptdesc);
}

void pte_fragment_free(unsigned long *table, int kernel)
{
	struct ptdesc *ptdesc = virt_to_ptdesc(table);

	if (pagetable_is_reserved(ptdesc))
		return free_reserved_ptdesc(ptdesc);

	BUG_ON(atomic_read(&ptdesc->pt_frag_refcount) <= 0);
	if (atomic_dec_and_test(&ptdesc->pt_frag_refcount)) {
		if (kernel || !folio_test_clear_active(ptdesc_folio(ptdesc)))
			pte_free_now(&ptdesc->pt_rcu_head);
		else
			call_rcu(&ptdesc->pt_rcu_head, pte_free_now);
	}
}

void pte_free_defer(struct mm_struct *mm, pte_t *pgtable)
{
	struct folio *folio;

	folio = virt_to_folio(pgtable);
	folio_set_active(folio);
	pte_fragment_free((unsigned long *)pgtable, 0);
}

/* book3s64: pgtable_free(table, PTE_INDEX) */
void __tlb_remove_table(void *_table)
{
	pte_fragment_free((unsigned long *)_table, 0);
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
	pte_free_defer(NULL, (pte_t *)page_address(pmd_page(pgt_pmd)));	/* pmd_pgtable(pgt_pmd): F0 */
}

P1(pmd_t *pmd1)
{
	struct mmu_gather tlb;
	pte_t *token;

	tlb_gather_mmu(&tlb, NULL);
	/* free_pte_range(): token = pmd_pgtable(*pmd), F1 */
	token = (pte_t *)page_address(pmd_page(*pmd1)) + PTRS_PER_PTE / 2;
	pmd_clear(pmd1);
	tlb_remove_table(&tlb, token);		/* pgtable_free_tlb(tlb, token, PTE_INDEX) */
	tlb_finish_mmu(&tlb);
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
