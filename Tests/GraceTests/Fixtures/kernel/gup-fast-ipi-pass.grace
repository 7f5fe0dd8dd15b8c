C gup-fast-ipi-pass

(*
 * Kernel execution model fixture: GUP-fast against munmap on an arch whose
 * TLB flush is an IPI (x86 bare metal; PROTOCOLS.md 4.5, variant c-C0).
 *
 * Source: the GUP-fast comment in mm/gup.c and the mmu_gather comment in
 * torvalds/linux mm/mmu_gather.c @ 06d074298583 ("Architectures that use
 * IPIs to flush TLBs will then automagically DTRT, since we unlink the
 * page, flush TLBs, free the page"); "[PATCH 06/17] x86/mm: make
 * MMU_GATHER_RCU_TABLE_FREE unconditional", Rik van Riel, 2025 (GUP-fast
 * is synchronised "on bare metal, by blocking IRQs, which block TLB flush
 * IPIs").  The walker follows mainline gup_fast() / gup_fast_pte_range().
 *
 * Actors:
 *   P0, CPU0 task: munmap free_pte_range(): pmd_clear(pmd0), then the
 *       mmu_gather flush (flush_tlb_mm), then the table page is freed.
 *   P1, CPU1 task: GUP-fast: local_irq_save(), pmdp_get_lockless(pmd0), and
 *       if present ptep_get_lockless() of a pte of the table it names,
 *       local_irq_restore().  gup_fast_pte_range() finds the pte with
 *       pte_offset_map() on its local copy of the pmd; Grace cannot take the
 *       address of a local, so the model computes the same address from the
 *       pmd value (pmd_page_vaddr) and leaves out the rcu_read_lock() that
 *       pte_offset_map() nests inside the IRQ-off section, which no grace
 *       period here depends on.
 *
 * Why it passes: flush_tlb_mm() completes only after CPU1 has taken the
 * flush IPI, which it can do only with IRQs on, so never between the
 * walker's pmd read and its pte read; a walker that read pmd0 -> pt before
 * pmd_clear() has finished with pt before pte_free() runs, and one that
 * starts later finds pmd0 empty.
 *
 * Invariant: C-I1, no table is freed while a GUP-fast walker that may hold
 * a pointer to it is inside its IRQ-off section.  Compare
 * gup-fast-broadcast-uaf.grace (same code, broadcast flush).
 *
 * Expect: sc: pass
 * Config: tlb_flush=ipi
 *)

{
  struct mm_struct mm;
  struct page pt;
  pmd_t pmd0 = pt;
}

/* The address of the table a pmd value points to (x86 and arm64 spell it
 * so); pte_offset_kernel(&pmd, addr) adds pte_index(addr), 0 here. */
unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)page_address(pmd_page(pmd));
}

P0(pmd_t *pmd0, struct mm_struct *mm)
{
	pgtable_t token;

	/* free_pte_range() */
	token = pmd_pgtable(*pmd0);
	pmd_clear(pmd0);
	/* tlb_finish_mmu(): flush the TLB, then free the gathered table */
	flush_tlb_mm(mm);
	pte_free(mm, token);
}

P1(pmd_t *pmd0)
{
	unsigned long flags;
	pmd_t pmd;
	pte_t *ptep;
	pte_t pte;

	/* gup_fast() */
	local_irq_save(flags);
	pmd = pmdp_get_lockless(pmd0);		/* gup_fast_pmd_range() */
	if (pmd_present(pmd)) {
		/* gup_fast_pte_range(): ptep = pte_offset_map(&pmd, addr) */
		ptep = (pte_t *)pmd_page_vaddr(pmd);
		pte = ptep_get_lockless(ptep);
	}
	local_irq_restore(flags);
}
