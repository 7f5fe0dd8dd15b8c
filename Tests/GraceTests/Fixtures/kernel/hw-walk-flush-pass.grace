C hw-walk-flush-pass

(*
 * Kernel execution model fixture: hw-walk-noflush-uaf.grace with the
 * flush_tlb_all() between unhooking and freeing that the mmu_gather
 * contract asks for (PROTOCOLS.md 4.4, C-I2, and 7.6).
 *
 * Source: the ordering contract of torvalds/linux include/asm-generic/tlb.h
 * @ 0758cd830494: "1) unhook page 2) TLB invalidate page 3) free page ... we
 * must never free a page before we have ensured there are no live
 * translations left to it"; the same rule for kernel page tables is E-I1
 * (flush_tlb_all() before free_vmemmap_page_list(), PROTOCOLS.md 6.4).
 *
 * Actors:
 *   P0, CPU0 task: unhooks the table (pmd_clear(pmd0)),
 *       flush_tlb_all(), then frees it with pte_free().
 *   P1, CPU1: the MMU.  Its first access through pmd0 caches the table
 *       pointer (tlb_walk(pmd0), result unused).  Its second access
 *       translates through pmd0 again, getting the cached table if the
 *       entry is still there (no memory read) or else a fresh read of pmd0,
 *       and fetches a pte of the table it got.  Only the table returned by
 *       the second tlb_walk() is dereferenced, so P1 never holds a pointer
 *       of its own across P0's steps: reaching a freed table needs a stale
 *       cache entry.  The second access is one instruction: an interrupt,
 *       the flush IPI included, is taken between instructions, never between
 *       the walk and the pte fetch it feeds; local_irq_disable()/enable()
 *       around it say exactly that (the walk itself is not an RCU reader
 *       and is not held off by IRQs being off).
 *
 * Why it passes: flush_tlb_all() drops CPU1's cached pmd0 -> pt and, with
 * tlb_flush=ipi, completes only once CPU1 has taken the flush IPI.  A
 * second access after the drop misses, reads pmd0, already clear, and
 * fetches nothing; one that hit the cache before the drop fetches its pte
 * before the IPI can land, so before pte_free().
 *
 * Invariant: C-I2, no table is freed while a CPU's paging-structure cache
 * may still hold a pointer to it.
 *
 * Expect: sc: pass
 * Config: tlb_flush=ipi
 *)

{
  struct mm_struct mm;
  struct page pt;
  pmd_t pmd0 = pt;
}

P0(pmd_t *pmd0, struct mm_struct *mm)
{
	pgtable_t token;

	token = pmd_pgtable(*pmd0);
	pmd_clear(pmd0);
	flush_tlb_all();
	pte_free(mm, token);
}

P1(pmd_t *pmd0)
{
	struct page *table;
	pte_t pte;

	tlb_walk(pmd0);				/* first access: caches pmd0 -> pt */

	local_irq_disable();			/* second access, one instruction */
	table = tlb_walk(pmd0);
	if (table)
		pte = ptep_get((pte_t *)page_address(table));
	local_irq_enable();
}
