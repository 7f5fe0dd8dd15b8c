C mmugather-4-fail

(*
 * mmugather-4-pass.grace with a fourth page gathered before the first one
 * is read: the fourth tlb_remove_page() fills the gather, and like the
 * kernel's (__tlb_remove_page() returns true, tlb_remove_page() calls
 * tlb_flush_mmu()) it flushes the TLB and frees every page gathered so far
 * before it returns, so the read finds p0 freed: use-after-free.  Work on
 * gathered pages must come before anything that may flush the gather.
 *
 * Expect: sc: violation use-after-free
 *)

{
	struct page p0;
	struct page p1;
	struct page p2;
	struct page p3;
}

P0(struct page *p0, struct page *p1, struct page *p2, struct page *p3)
{
	struct mmu_gather tlb;
	unsigned long *first;

	first = page_address(p0);
	tlb_gather_mmu(&tlb, NULL);
	tlb_remove_page(&tlb, p0);
	tlb_remove_page(&tlb, p1);
	tlb_remove_page(&tlb, p2);
	tlb_remove_page(&tlb, p3);
	assert(first[0] == 0);
	tlb_finish_mmu(&tlb);
}
