C page-words-pass

(*
 * Config page_words=N sets how many words a page holds: with 8, a page
 * table has room for pte 6 (PTRS_PER_PTE follows page_words).
 *
 * Expect: sc: pass
 * Config: page_words=8
 *)

{ struct page pt; pmd_t pmd = pt; }

P0(pmd_t *pmd)
{
	pte_t *pte = pte_offset_kernel(pmd, 6);

	assert(PTRS_PER_PTE == 8);
	set_pte_at(NULL, 0, pte, 0);
}
