C mmugather-fail

(*
 * mmugather-pass.grace against a walker that is an RCU reader and does not
 * disable IRQs, as pte_offset_map() users are since v6.5 (PROTOCOLS.md
 * 1.3): the batch's grace period waits for it, but when the batch page
 * cannot be allocated tlb_remove_table() falls back to the IPI of
 * tlb_remove_table_sync_one(), which the walker's CPU takes at once, and
 * frees the table under the walker: use-after-free.  "This isn't an RCU
 * grace period", as mm/mmu_gather.c says; it is why x86 PT_RECLAIM frees
 * page tables "by RCU instead of semi RCU".
 *
 * Expect: sc: violation use-after-free
 * Config: tlb_flush=broadcast page_words=5
 *)

{
	struct page pt0;
	struct page pt1;
	pmd_t pmd0 = pt0;
	pmd_t pmd1 = pt1;
}

void __tlb_remove_table(void *_table)
{
	free_page_and_swap_cache((struct page *)_table);
}

void free_pte_range(struct mmu_gather *tlb, pmd_t *pmd)
{
	pgtable_t token = pmd_pgtable(*pmd);

	pmd_clear(pmd);
	pgtable_pte_page_dtor(token);
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

P1(pmd_t *pmd0)
{
	pte_t *ptep;
	pte_t pte;

	ptep = pte_offset_map(pmd0, 0);		/* rcu_read_lock(); pmdp_get_lockless() */
	if (ptep) {
		pte = ptep_get_lockless(ptep);
		pte_unmap(ptep);		/* rcu_read_unlock() */
	}
}
