C mmugather-2-fail

(*
 * mmugather-2-pass.grace on an arch whose TLB flush is a hardware broadcast
 * (PROTOCOLS.md 4.5, c-B1, arm64 RFC V4): without RCU table freeing the
 * table goes with the gathered pages, and the flush in tlb_finish_mmu()
 * waits for nobody, so the table is freed while the IRQ-off walker that
 * read pmd0 before the clear is about to read its pte: use-after-free.
 * "The __tlb_remove_page() that we currently use doesn't give us any RCU
 * protection here" (Catalin Marinas, 2014-05-01).
 *
 * Expect: sc: violation use-after-free
 * Config: tlb_flush=broadcast table_free=pages
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
