C mmugather-5-fail

(*
 * mmugather-5-pass.grace against a pte_offset_map() walker, an RCU reader
 * with IRQs on, as walkers are since v6.5: its CPU takes the IPI of
 * tlb_remove_table_sync_one() at once, so the sync does not wait for it,
 * and pte_free() frees the table under it: use-after-free.  The IPI "isn't
 * an RCU grace period"; v6.6 retracts with pte_free_defer() instead.
 *
 * Expect: sc: violation use-after-free
 * Config: tlb_flush=broadcast
 *)

{
	struct page pt;
	pmd_t pmd0 = pt;
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
	pte_t *ptep;
	pte_t pte;

	ptep = pte_offset_map(pmd0, 0);		/* rcu_read_lock(); pmdp_get_lockless() */
	if (ptep) {
		pte = ptep_get_lockless(ptep);
		pte_unmap(ptep);		/* rcu_read_unlock() */
	}
}
