C mmugather-4-pass

(*
 * tlb_remove_page() gathers pages until the gather is full (Grace's holds
 * four) and frees nothing before the flush: after three pages are gathered
 * the zapper still holds the gather's reference to each, so it may still
 * read the first one's contents, as zap_pte_range()'s delayed rmap work
 * (tlb_flush_rmaps()) touches gathered pages before the gather is flushed.
 * tlb_finish_mmu() then flushes and frees all three.
 *
 * Expect: sc: pass
 *)

{
	struct page p0;
	struct page p1;
	struct page p2;
}

P0(struct page *p0, struct page *p1, struct page *p2)
{
	struct mmu_gather tlb;
	unsigned long *first;

	first = page_address(p0);
	tlb_gather_mmu(&tlb, NULL);
	tlb_remove_page(&tlb, p0);
	tlb_remove_page(&tlb, p1);
	tlb_remove_page(&tlb, p2);
	assert(first[0] == 0);
	tlb_finish_mmu(&tlb);
	assert(page_count(p2) == 0);
}
