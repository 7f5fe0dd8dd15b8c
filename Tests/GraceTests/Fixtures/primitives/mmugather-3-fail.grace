C mmugather-3-fail

(*
 * mmugather-3-pass.grace with the pte cleared after tlb_flush_mmu()
 * instead of before the page is gathered: tlb_flush_mmu() flushes the TLB
 * and frees every gathered page, while pte0 still maps the data page, so
 * CPU1's MMU translates through pte0 to a freed page: use-after-free.  The
 * gather frees only after its flush; it cannot know of a pte cleared later.
 *
 * Expect: sc: violation use-after-free
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
	tlb_remove_page(&tlb, data);
	tlb_flush_mmu(&tlb);
	pte_clear(NULL, 0, pte0);
	tlb_finish_mmu(&tlb);
}

P1(pte_t *pte0)
{
	unsigned long v;

	tlb_write(pte0, 1, 7);
	v = tlb_read(pte0, 0);
}
