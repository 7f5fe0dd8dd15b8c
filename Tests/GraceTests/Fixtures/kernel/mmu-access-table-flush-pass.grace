C mmu-access-table-flush-pass

(*
 * Kernel execution model fixture: a load through the MMU against a page
 * table that is unhooked, flushed with a broadcast invalidation and freed
 * (PROTOCOLS.md 4.4, C-I2, and 7.6).
 *
 * Source: the ordering contract of torvalds/linux include/asm-generic/tlb.h
 * @ 0758cd830494: "1) unhook page 2) TLB invalidate page 3) free page ... we
 * must never free a page before we have ensured there are no live
 * translations left to it".  On arm64 the invalidation is TLBI + DSB: once
 * the DSB completes, no walk that started before it is still in flight, so
 * the flush needs no IPI and waits for nobody (tlb_flush=broadcast).
 *
 * Actors:
 *   P0, CPU0 task: maps data at pte 0 of the table pt (set_pte_at()), then
 *       unhooks pt (pmd_clear(pmd0)), flush_tlb_all(), pte_free().
 *   P1, CPU1: two loads of word 0 of the range pmd0 maps, each one
 *       tlb_read(): the MMU translates through pmd0 (its cached entry, or a
 *       read of pmd0 that it caches), then through pte 0 of the table it
 *       found, then reads the word, in one step.
 *
 * Why it passes: a load before the flush walks pt while pt is allocated;
 * the flush drops CPU1's cached pmd0 -> pt, so a load after it reads pmd0,
 * finds it empty and faults.  Had P1 used tlb_walk(pmd0) and then read the
 * pte in a step of its own, the flush and the free could fall between the
 * two, and the pte read would hit the freed table: real hardware does not
 * split a translation from the access it serves.
 *
 * Invariant: C-I2, no table is freed while a CPU's paging-structure cache
 * may still hold a pointer to it.
 *
 * Expect: sc: pass
 * Config: tlb_flush=broadcast
 *)

{
  struct page pt;
  struct page data;
  pmd_t pmd0 = pt;
}

P0(pmd_t *pmd0, struct page *pt, struct page *data)
{
	pgtable_t token;

	set_pte_at(NULL, 0, (pte_t *)page_address(pt), mk_pte(data, PAGE_KERNEL));
	token = pmd_pgtable(*pmd0);
	pmd_clear(pmd0);
	flush_tlb_all();
	pte_free(NULL, token);
}

P1(pmd_t *pmd0)
{
	unsigned long v;

	v = tlb_read(pmd0, 0);
	v = tlb_read(pmd0, 0);
}
