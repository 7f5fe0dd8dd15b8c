C mmugather-2-pass

(*
 * The mmu_gather API without CONFIG_MMU_GATHER_RCU_TABLE_FREE
 * (table_free=pages), on an arch whose TLB flush is an IPI that waits for
 * every other CPU (classic x86, PROTOCOLS.md 4.5, c-C0): tlb_remove_table()
 * is tlb_remove_page(), so the table is gathered as a data page is, and
 * tlb_finish_mmu() flushes the TLB and only then drops the gather's
 * reference, which frees it.  An IRQ-off GUP-fast walker reads a pte of the
 * table.
 *
 * Why it passes: the flush IPI cannot be taken while the walker has IRQs
 * off, so a walker that saw pmd0 -> pt is done before pt is freed.
 *
 * Expect: sc: pass
 * Config: tlb_flush=ipi table_free=pages
 *)

{
	struct page pt;
	pmd_t pmd0 = pt;
}

unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)page_address(pmd_page(pmd));
}

P0(pmd_t *pmd0)
{
	struct mmu_gather tlb;
	pgtable_t token;

	tlb_gather_mmu(&tlb, NULL);
	token = pmd_pgtable(*pmd0);
	pmd_clear(pmd0);
	pgtable_pte_page_dtor(token);		/* x86 ___pte_free_tlb() */
	tlb_remove_table(&tlb, token);
	tlb_finish_mmu(&tlb);
}

P1(pmd_t *pmd0)
{
	unsigned long flags;
	pmd_t pmd;
	pte_t pte;

	local_irq_save(flags);
	pmd = pmdp_get_lockless(pmd0);
	if (pmd_present(pmd))
		pte = ptep_get_lockless((pte_t *)pmd_page_vaddr(pmd));
	local_irq_restore(flags);
}
