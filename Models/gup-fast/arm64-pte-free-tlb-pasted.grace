C arm64-pte-free-tlb-pasted

(*
 * arm64 __pte_free_tlb() handing the table to tlb_remove_table(), pasted
 * from the kernel, against a GUP-fast walker with IRQs off and a hardware
 * walk (PROTOCOLS.md 4.5, variant c-C1, and 1.3), with the generic
 * mmu_gather built in.
 *
 * Source: torvalds/linux arch/arm64/include/asm/tlb.h @ c4ab2cbc1d87:
 * __tlb_remove_table() and __pte_free_tlb() below are that file's text,
 * unchanged; arm64 selects MMU_GATHER_RCU_TABLE_FREE, and its
 * tlb_remove_table() is mm/mmu_gather.c's (S33), the built-in one under
 * the default table_free=rcu.  What the model does not paste:
 * arm64's tlb_flush() (TLBI by range or by ASID) is the built-in gather's
 * flush, a broadcast flush of every CPU's cached entries; the generic
 * tlb_needs_table_invalidate() is true on arm64, so the table batch is
 * invalidated before it is queued, as the built-in one is.  The walker is
 * mainline gup_fast() / gup_fast_pte_range() (PROTOCOLS.md S35) up to its
 * pte read: it takes the pte address from its pmd copy with
 * pmd_page_vaddr(), as pte_offset_map(&pmd, addr) does, without the
 * rcu_read_lock() that nests inside the IRQ-off section, so only disabled
 * IRQs protect it.
 *
 * Actors:
 *   P0, CPU0 task: munmap free_pgtables(): tlb_gather_mmu(), then
 *       free_pte_range(): pmd_clear(), pte_free_tlb() -> __pte_free_tlb()
 *       -> tlb_remove_table(), then tlb_finish_mmu().  The batch page
 *       (GFP_NOWAIT) may not be allocated: then a TLB flush, the empty IPI
 *       to every other CPU, waited for, and __tlb_remove_table() at once;
 *       else, the batch being full with one table (MAX_TABLE_BATCH =
 *       page_words - 3 = 1), a TLB flush and call_rcu(), and
 *       tlb_remove_table_rcu() in softirq on CPU0.
 *   P1, CPU1 task: gup_fast(): local_irq_save(), pmdp_get_lockless(),
 *       the pte of the table it names, local_irq_restore().
 *   P2, CPU2: two loads through the MMU from the range pmd0 maps
 *       (tlb_read: translation and load in one step), the second through
 *       the entry the first cached, unless a flush dropped it.
 *
 * Invariants: C-I1, pt is not freed while the walker that saw pmd0 -> pt
 * is inside its IRQ-off section (use-after-free on its pte read); C-I2, pt
 * is not freed while a CPU's TLB may still translate through it
 * (use-after-free on an MMU load); C-I5, the allocation-failure fallback
 * ends (every run finishes).
 *
 * Weak memory models (not checked yet): pass is expected under tso and
 * lkmm.  The walker is protected by the grace period (an IRQ-off region
 * is an RCU reader) or by the IPI round trip, a full barrier on both
 * sides; the MMU load by the flush that drops its entry before the table
 * is freed, which a hardware walk sees at once, as the walk's reads are
 * address-dependent and a completed flush has no stale entry to use.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=broadcast
 *)

{
	struct mm_struct mm;
	struct page pt;
	pmd_t pmd0 = pt;
}

/* arch/arm64/include/asm/tlb.h */
static inline void __tlb_remove_table(void *_table)
{
	free_page_and_swap_cache((struct page *)_table);
}

static inline void __pte_free_tlb(struct mmu_gather *tlb, pgtable_t pte,
				  unsigned long addr)
{
	pgtable_pte_page_dtor(pte);
	tlb_remove_table(tlb, pte);
}

/* pte_offset_map(&pmd, addr) with pte_index(addr) = 0, outside RCU */
unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)page_address(pmd_page(pmd));
}

P0(pmd_t *pmd0, struct mm_struct *mm)
{
	struct mmu_gather tlb;
	pgtable_t token;

	tlb_gather_mmu(&tlb, mm);
	/* free_pte_range() */
	token = pmd_pgtable(*pmd0);
	pmd_clear(pmd0);
	__pte_free_tlb(&tlb, token, 0);		/* pte_free_tlb(tlb, token, addr) */
	tlb_finish_mmu(&tlb);
}

P1(pmd_t *pmd0)
{
	unsigned long flags;
	pmd_t pmd;
	pte_t pte;

	local_irq_save(flags);			/* gup_fast() */
	pmd = pmdp_get_lockless(pmd0);		/* gup_fast_pmd_range() */
	if (pmd_present(pmd))			/* gup_fast_pte_range() */
		pte = ptep_get_lockless((pte_t *)pmd_page_vaddr(pmd));
	local_irq_restore(flags);
}

P2(pmd_t *pmd0)
{
	unsigned long v;

	v = tlb_read(pmd0, 0);
	v = tlb_read(pmd0, 0);
}
