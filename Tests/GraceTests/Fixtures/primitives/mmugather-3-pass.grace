C mmugather-3-pass

(*
 * tlb_remove_page() and tlb_flush_mmu() in the order of the mmu_gather
 * contract (include/asm-generic/tlb.h: "1) unhook page 2) TLB invalidate
 * page 3) free page"; PROTOCOLS.md 1.3): zap_pte_range() clears pte0 and
 * gathers the data page it mapped; tlb_flush_mmu() flushes the TLB, then
 * drops the gather's reference, which frees the page; tlb_finish_mmu()
 * finds nothing left.  CPU1 stores to and loads from the page through its
 * MMU (tlb_write, tlb_read: a translation and its access in one step).
 *
 * Why it passes: the flush is a broadcast that waits for nobody, but it
 * drops CPU1's cached pte0 -> data before the page is freed, and pte0 is
 * already clear, so an access after the flush faults.
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
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, NULL);
	pte_clear(NULL, 0, pte0);		/* zap_pte_range() */
	tlb_remove_page(&tlb, data);
	tlb_flush_mmu(&tlb);
	tlb_finish_mmu(&tlb);
}

P1(pte_t *pte0)
{
	unsigned long v;

	tlb_write(pte0, 1, 7);
	v = tlb_read(pte0, 0);
}
