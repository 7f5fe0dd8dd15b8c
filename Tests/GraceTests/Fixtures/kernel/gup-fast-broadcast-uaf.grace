C gup-fast-broadcast-uaf

(*
 * Kernel execution model fixture: gup-fast-ipi-pass.grace on an arch whose
 * TLB flush is a hardware broadcast that does not wait for other CPUs
 * (arm64, s390, ppc radix): the IPI-based synchronisation of GUP-fast is
 * gone.
 *
 * Source: Catalin Marinas, "Re: [RFC PATCH V4 6/7] arm64: mm: Enable
 * HAVE_RCU_TABLE_FREE logic", 2014-05-01 ("The __tlb_remove_page() that we
 * currently use doesn't give us any RCU protection here"), fixed by
 * "[PATCH V3 5/6] arm64: mm: Enable HAVE_RCU_TABLE_FREE logic", Steve
 * Capper, 2014-08-28 (PROTOCOLS.md 4.5, variant c-B1).  The walker follows
 * mainline gup_fast() / gup_fast_pte_range().
 *
 * Actors:
 *   P0, CPU0 task: munmap free_pte_range(): pmd_clear(pmd0), flush_tlb_mm(),
 *       then the table page is freed at once (no RCU table freeing).
 *   P1, CPU1 task: GUP-fast: local_irq_save(), pmdp_get_lockless(pmd0), and
 *       if present ptep_get_lockless() of a pte of the table it names,
 *       local_irq_restore().  gup_fast_pte_range() finds the pte with
 *       pte_offset_map() on its local copy of the pmd; Grace cannot take the
 *       address of a local, so the model computes the same address from the
 *       pmd value (pmd_page_vaddr) and leaves out the rcu_read_lock() that
 *       pte_offset_map() nests inside the IRQ-off section, which no grace
 *       period here depends on.
 *
 * Shortest failure: P1 disables IRQs and reads pmd0 -> pt; P0 clears pmd0,
 * flushes (broadcast, does not wait for CPU1) and frees pt; P1 reads a pte
 * of pt.
 *
 * Invariant broken: C-I1, no table is freed while a GUP-fast walker that
 * may hold a pointer to it is inside its IRQ-off section.
 *
 * Expect: sc: violation use-after-free
 * Config: tlb_flush=broadcast
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
