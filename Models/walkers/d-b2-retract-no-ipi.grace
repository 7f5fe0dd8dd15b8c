C d-b2-retract-no-ipi

(*
 * khugepaged retract_page_tables() frees the page table right after
 * pmdp_collapse_flush(), without syncing with GUP-fast (PROTOCOLS.md 5.6,
 * variant d-B2).
 *
 * Source: the bug fixed by 2ba99c5e0881 "mm/khugepaged: fix GUP-fast
 * interaction by sending IPI" (Jann Horn; Fixes ba76149f47d8 "thp:
 * khugepaged"; stable backport "[PATCH 5.15 029/123] mm/khugepaged: fix
 * GUP-fast interaction by sending IPI", 2022-12-12).  Its text: "Since
 * commit 70cbc3cc78a99 ("mm: gup: fix the fast GUP race against THP
 * collapse"), the lockless_pages_from_mm() fastpath rechecks the pmd_t to
 * ensure that the page table was not removed by khugepaged in between.
 * However, lockless_pages_from_mm() still requires that the page table is
 * not concurrently freed."  retract_page_tables() is the v5.15 text just
 * before that fix (i_mmap_lock_write(), mmap_write_trylock(), pmd_lock(),
 * "assume page table is clear", pmdp_collapse_flush(), pte_free()); the
 * walker is GUP-fast as of 70cbc3cc78a9 "mm: gup: fix the fast GUP race
 * against THP collapse" (Yang Shi, 2022-09-07), so it already has the pmd
 * recheck.  The retraction is the 5.15 text (the context of the 5.15
 * backport) and GUP-fast the v6.0 one; in v6.0 the same steps sit in
 * collapse_and_free_pmd() (pmdp_collapse_flush(), mm_dec_nr_ptes(),
 * pte_free()), so the mix does not change the race.
 *
 * Objects: pmd0 maps the PTE table pt of a file vma.  collapse_file() has
 * already copied the small pages into the new THP and unmapped them
 * ("assume page table is clear"), so pt holds no pte.
 *
 * Actors:
 *   P0, CPU0 task: KF, khugepaged retract_page_tables() for the vma mapped
 *       by pmd0.  The vma walk of the i_mmap tree is the one vma;
 *       mm_find_pmd() is a model helper; khugepaged_add_pte_mapped_thp()
 *       (retry later when the trylock fails) is left out.
 *   P1, CPU1 task: Wh, get_user_pages_fast() of one page:
 *       lockless_pages_from_mm() with IRQs off around gup_pmd_range() /
 *       gup_pte_range().  The
 *       pgd/p4d/pud levels are left out.  Before v6.5 pte_offset_map() took
 *       no rcu_read_lock() (kmap_atomic at most), so it is Grace's
 *       pte_offset_kernel() on the walker's local copy of the pmd, and
 *       pte_unmap() is nothing.
 *
 * arm64: MMU_GATHER_RCU_TABLE_FREE, and the TLB flush in
 * pmdp_collapse_flush() is a broadcast TLBI that does not wait for CPU1.
 *
 * Shortest failure (PROTOCOLS.md 5.6, d-B2): P1 disables IRQs and reads
 * pmd0 -> pt; P0 takes the locks, clears pmd0 with pmdp_collapse_flush()
 * (no wait) and frees pt with pte_free(); P1 reads the pte of the freed
 * table with ptep_get_lockless().  The pmd recheck after the pin comes
 * later and cannot prevent that read.
 *
 * Invariant broken: D-I1' (= C-I1), pt is not freed before every GUP-fast
 * walker that read pmd0 -> pt has left its IRQ-off section.
 * Expect: sc: violation use-after-free
 * Expect: tso: violation use-after-free
 * Config: tlb_flush=broadcast
 *)

{
  struct mm_struct mm;
  struct address_space mapping;
  struct page pt;
  pmd_t pmd0 = pt;
  spinlock_t pml;
}

struct address_space {
	unsigned long i_mmap_rwsem;
};

/* mm/rmap.c: the pmd mapping the address if it maps a PTE table. */
pmd_t *mm_find_pmd(struct mm_struct *mm, unsigned long address)
{
	pmd_t pmde;

	pmde = READ_ONCE(pmd0);
	if (!pmd_present(pmde) || pmd_trans_huge(pmde))
		return NULL;
	return &pmd0;
}

bool khugepaged_test_exit(struct mm_struct *mm)
{
	return atomic_read(&mm->mm_users) == 0;
}

void retract_page_tables(struct address_space *mapping, unsigned long pgoff)
{
	pmd_t *pmd;
	pmd_t _pmd;

	i_mmap_lock_write(&mapping->i_mmap_rwsem);	/* i_mmap_lock_write(mapping) */
	/* vma_interval_tree_foreach(vma, &mapping->i_mmap, pgoff, pgoff): one vma */
	pmd = mm_find_pmd(&mm, 0);
	if (pmd) {
		/*
		 * We need exclusive mmap_lock to retract page table.
		 */
		if (mmap_write_trylock(&mm)) {
			if (!khugepaged_test_exit(&mm)) {
				spin_lock(&pml);	/* ptl = pmd_lock(mm, pmd) */
				/* assume page table is clear */
				_pmd = pmdp_collapse_flush(NULL, 0, pmd);
				spin_unlock(&pml);
				/* mm_dec_nr_ptes(mm) */
				pte_free(&mm, pmd_pgtable(_pmd));
			}
			mmap_write_unlock(&mm);
		}
		/* else khugepaged_add_pte_mapped_thp(mm, addr): try again later */
	}
	i_mmap_unlock_write(&mapping->i_mmap_rwsem);
}

/* FOLL_GET: try_grab_folio() is folio_try_get_rcu(), gup_put_folio() folio_put(). */
struct page *try_grab_folio(struct page *page, int refs, unsigned int flags)
{
	if (!page_cache_get_speculative(page))
		return NULL;
	return page;
}

int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr, unsigned long end,
		  unsigned int flags, struct page **pages, int *nr)
{
	int ret = 0;
	pte_t *ptep;
	pte_t pte;
	struct page *page;
	struct page *folio;

	ptep = pte_offset_kernel(&pmd, addr);	/* ptem = ptep = pte_offset_map(&pmd, addr) */
	do {					/* one pte: addr + PAGE_SIZE == end */
		pte = ptep_get_lockless(ptep);
		if (!pte_present(pte))		/* !pte_access_permitted(pte, flags & FOLL_WRITE) */
			break;			/* goto pte_unmap */
		page = pte_page(pte);
		folio = try_grab_folio(page, 1, flags);
		if (!folio)
			break;
		if (pmd_val(pmd) != pmd_val(*pmdp) ||
		    pte_val(pte) != pte_val(*ptep)) {
			put_page(folio);	/* gup_put_folio(folio, 1, flags) */
			break;
		}
		pages[*nr] = page;
		(*nr)++;
		ret = 1;
	} while (0);
	/* pte_unmap: pte_unmap(ptem), nothing before v6.5 */
	return ret;
}

int gup_pmd_range(pmd_t *pmdp, unsigned long addr, unsigned long end,
		  unsigned int flags, struct page **pages, int *nr)
{
	pmd_t pmd = READ_ONCE(*pmdp);

	if (!pmd_present(pmd))
		return 0;
	if (pmd_trans_huge(pmd))
		return 0;			/* gup_huge_pmd(): no huge pmd here */
	if (!gup_pte_range(pmd, pmdp, addr, end, flags, pages, nr))
		return 0;
	return 1;
}

int lockless_pages_from_mm(unsigned long start, unsigned long end,
			   unsigned int gup_flags, struct page **pages)
{
	unsigned long flags;
	int nr_pinned = 0;

	/*
	 * With interrupts disabled, we block page table pages from being freed
	 * from under us.
	 */
	local_irq_save(flags);
	gup_pmd_range(&pmd0, start, end, gup_flags, pages, &nr_pinned);	/* gup_pgd_range() */
	local_irq_restore(flags);
	return nr_pinned;
}

P0(struct address_space *mapping)
{
	retract_page_tables(mapping, 0);
}

P1(pmd_t *pmd0)
{
	struct page *pages[1];
	int nr;

	/* get_user_pages_fast(start, 1, 0, pages): FOLL_GET */
	nr = lockless_pages_from_mm(0, PAGE_SIZE, 0, pages);
	if (nr)
		put_page(pages[0]);
	/* else: the slow path, get_user_pages_unlocked(), not modelled */
}
