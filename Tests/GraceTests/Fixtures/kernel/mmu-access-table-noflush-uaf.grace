C mmu-access-table-noflush-uaf

(*
 * Kernel execution model fixture: mmu-access-table-flush-pass.grace without
 * the flush_tlb_all() between unhooking and freeing the table: a load
 * through the MMU walks the freed table through its cached translation
 * (PROTOCOLS.md 4.4, C-I2, and 7.6).
 *
 * Source: the ordering contract of torvalds/linux include/asm-generic/tlb.h
 * @ 0758cd830494: "1) unhook page 2) TLB invalidate page 3) free page ... we
 * must never free a page before we have ensured there are no live
 * translations left to it".
 *
 * Actors:
 *   P0, CPU0 task: maps data at pte 0 of the table pt (set_pte_at()), then
 *       unhooks pt (pmd_clear(pmd0)) and frees it with pte_free(), with no
 *       flush in between.
 *   P1, CPU1: two loads of word 0 of the range pmd0 maps, each one
 *       tlb_read(): translation through pmd0 and pte 0, and the read, in one
 *       step.
 *
 * Shortest failure: CPU1's first load caches pmd0 -> pt; P0 clears pmd0 and
 * frees pt; CPU1's second load takes pt from its cache and reads pte 0 of
 * the freed table.
 *
 * Invariant broken: C-I2, no table is freed while a CPU's paging-structure
 * cache may still hold a pointer to it.
 *
 * Expect: sc: violation use-after-free
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
	pte_free(NULL, token);
}

P1(pmd_t *pmd0)
{
	unsigned long v;

	v = tlb_read(pmd0, 0);
	v = tlb_read(pmd0, 0);
}
