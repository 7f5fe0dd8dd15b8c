C thpsplit-fail

(*
 * thpsplit-pass.grace on an arch whose TLB flush is a hardware broadcast
 * (PROTOCOLS.md 4.5, c-B3): the generic pmdp_splitting_flush() sends no
 * IPI, so nothing waits for the walker that read the huge pmd before it
 * was marked splitting, and the split of the tails runs under its feet:
 * VM_BUG_ON_PAGE(!PageTail(page)) fires.  arm64's 2014 version added a
 * dummy IPI after the flush for this.
 *
 * Expect: sc: violation bug
 * Config: tlb_flush=broadcast
 *)

{
	struct page H;
	struct page T;
	pmd_t pmd;
}

P0(struct page *H, struct page *T, pmd_t *pmd)
{
	prep_compound_page(H, 1);
	set_pmd_at(NULL, 0, pmd, mk_huge_pmd(H, PAGE_KERNEL));
	pmdp_splitting_flush(NULL, 0, pmd);
	assert(pmd_trans_splitting(READ_ONCE(*pmd)));
	assert(pmd_same(READ_ONCE(*pmd), pmd_mksplitting(mk_huge_pmd(H, PAGE_KERNEL))));
	clear_compound_head(T);			/* __split_huge_page_refcount() */
	__ClearPageHead(H);
	pmd_clear(pmd);				/* the split's new pmd: none here */
}

P1(struct page *T, pmd_t *pmd)
{
	unsigned long flags;
	pmd_t orig;

	local_irq_save(flags);
	orig = READ_ONCE(*pmd);
	if (pmd_trans_huge(orig) && !pmd_trans_splitting(orig))
		VM_BUG_ON_PAGE(!PageTail(T), T);	/* get_huge_page_tail() */
	local_irq_restore(flags);
}
