C mmu-access-page-flush-pass

(*
 * Kernel execution model fixture: loads and stores through the MMU against
 * a data page that is unmapped, flushed with a broadcast invalidation and
 * freed (PROTOCOLS.md 6.4, E-I1, and 7.6).
 *
 * Source: the same rule for data pages: zap_pte_range() clears the pte and
 * gathers the page, tlb_finish_mmu() flushes the TLB before it frees the
 * gathered pages (torvalds/linux include/asm-generic/tlb.h @ 0758cd830494,
 * "1) unhook page 2) TLB invalidate page 3) free page"); for kernel
 * mappings, flush_tlb_all() before free_vmemmap_page_list() (E-I1).
 *
 * Actors:
 *   P0, CPU0 task: pte_clear(pte0), flush_tlb_all(), __free_page(data).
 *   P1, CPU1: a store to word 1 and a load of word 0 of the page pte0 maps,
 *       through the MMU: tlb_write() and tlb_read() translate through pte0
 *       (CPU1's cached entry, or a read of pte0 that it caches) and access
 *       the word in one step.
 *
 * Why it passes: an access before the flush finds data allocated; the flush
 * drops CPU1's cached pte0 -> data, so an access after it reads pte0, finds
 * it empty and faults.
 *
 * Invariant: E-I1, no page is freed while a TLB may still translate to it.
 *
 * Expect: sc: pass
 * Config: tlb_flush=broadcast
 *)

{
  struct page data;
  pte_t pte0 = data;
}

P0(pte_t *pte0, struct page *data)
{
	pte_clear(NULL, 0, pte0);
	flush_tlb_all();
	__free_page(data);
}

P1(pte_t *pte0)
{
	unsigned long v;

	tlb_write(pte0, 1, 7);
	v = tlb_read(pte0, 0);
}
