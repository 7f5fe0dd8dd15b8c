C thpsplit-pass

(*
 * 2014's THP split against GUP-fast on an arch whose TLB flush is an IPI:
 * the walker, with IRQs off, reads the huge pmd, backs off if it is
 * splitting (pmd_trans_splitting()), and else checks that the tail it
 * will pin is still a tail.  The splitter marks the pmd splitting with
 * the generic pmdp_splitting_flush() (pmd_mksplitting() + set_pmd_at() +
 * flush_tlb_range()); the flush's IPI waits for the walker's IRQ-off
 * section, so the split of the tails comes after it.
 *
 * Expect: sc: pass
 * Config: tlb_flush=ipi
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
