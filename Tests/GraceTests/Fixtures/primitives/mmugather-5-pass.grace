C mmugather-5-pass

(*
 * tlb_remove_table_sync_one() as khugepaged's collapse_and_free_pmd() used
 * it before v6.6 (2ba99c5e0881 "mm/khugepaged: fix GUP-fast interaction by
 * sending IPI", PROTOCOLS.md 5): pmdp_collapse_flush() clears the pmd and
 * flushes the TLB, a broadcast here that waits for nobody; the empty IPI,
 * sent to every other CPU and waited for, then syncs with every walker
 * that disabled IRQs before the clear, and pte_free() frees the table at
 * once.  The walker is GUP-fast with IRQs off.
 *
 * Expect: sc: pass
 * Config: tlb_flush=broadcast
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
	pmd_t pmd;

	pmd = pmdp_collapse_flush(NULL, 0, pmd0);
	tlb_remove_table_sync_one();
	pte_free(NULL, pmd_pgtable(pmd));
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
