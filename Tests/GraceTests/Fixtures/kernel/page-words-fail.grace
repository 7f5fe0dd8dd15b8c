C page-words-fail

(*
 * With page_words=4 a page table has four ptes: pte 6 is outside the
 * table, a bug (the index is checked against PTRS_PER_PTE).
 *
 * Expect: sc: violation bug
 * Config: page_words=4
 *)

{ struct page pt; pmd_t pmd = pt; }

P0(pmd_t *pmd)
{
	pte_t *pte = pte_offset_kernel(pmd, 6);

	assert(PTRS_PER_PTE == 4);
	set_pte_at(NULL, 0, pte, 0);
}
