C mmugather-pass

(*
 * The mmu_gather API with CONFIG_MMU_GATHER_RCU_TABLE_FREE (table_free=rcu,
 * the default), as arm64 uses it (PROTOCOLS.md 1.3 and 4.5, c-C1): munmap
 * unhooks two page tables and frees each with tlb_remove_table(), then
 * tlb_finish_mmu(); an IRQ-off GUP-fast walker reads a pte of either.  The
 * flush is a broadcast that waits for nobody, so only the table-freeing
 * scheme protects the walker.
 *
 * With page_words=5 the batch page holds an rcu_head, a count and two
 * tables (MAX_TABLE_BATCH = 2): when __get_free_page(GFP_NOWAIT) succeeds
 * both tables go into one batch, which tlb_finish_mmu() queues with
 * call_rcu(); when it fails, each tlb_remove_table() flushes the TLB, sends
 * the empty IPI to every other CPU, waits for it, and frees the table at
 * once.  The arch's __tlb_remove_table() (arm64, 2014) frees each table.
 *
 * Why it passes: a walker that saw a table disabled IRQs before the table
 * was unhooked.  The grace period of the batch waits for its
 * local_irq_restore() (an IRQ-off region is a reader); the IPI of the
 * fallback can only be taken once IRQs are on again.
 *
 * Expect: sc: pass
 * Config: tlb_flush=broadcast page_words=5
 *)

{
	struct page pt0;
	struct page pt1;
	pmd_t pmd0 = pt0;
	pmd_t pmd1 = pt1;
}

/* arm64, "[PATCH V3 5/6] arm64: mm: Enable HAVE_RCU_TABLE_FREE logic" */
void __tlb_remove_table(void *_table)
{
	free_page_and_swap_cache((struct page *)_table);
}

unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)page_address(pmd_page(pmd));
}

void free_pte_range(struct mmu_gather *tlb, pmd_t *pmd)
{
	pgtable_t token = pmd_pgtable(*pmd);

	pmd_clear(pmd);
	pgtable_pte_page_dtor(token);		/* arm64 __pte_free_tlb() */
	tlb_remove_table(tlb, token);
}

P0(pmd_t *pmd0, pmd_t *pmd1)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, NULL);
	free_pte_range(&tlb, pmd0);
	free_pte_range(&tlb, pmd1);
	tlb_finish_mmu(&tlb);
}

P1(pmd_t *pmd0, pmd_t *pmd1)
{
	unsigned long flags;
	pmd_t pmd;
	pte_t pte;

	local_irq_save(flags);
	pmd = pmdp_get_lockless(pmd1);
	if (pmd_present(pmd))
		pte = ptep_get_lockless((pte_t *)pmd_page_vaddr(pmd));
	pmd = pmdp_get_lockless(pmd0);
	if (pmd_present(pmd))
		pte = ptep_get_lockless((pte_t *)pmd_page_vaddr(pmd));
	local_irq_restore(flags);
}
