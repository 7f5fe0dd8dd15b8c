C gup-fast-no-pte-recheck

(*
 * RCU get_user_pages_fast without the pte recheck after the speculative
 * reference (PROTOCOLS.md 4.5, variant c-B6, [synthetic]): G reads the
 * pte, the page is unmapped, freed and reallocated for another address,
 * and G's get_page_unless_zero() succeeds on the new owner's page, which
 * G returns as the page of its address.
 *
 * Sources: the 2014 gup_pte_range() of "[PATCH V3 1/6] mm: Introduce a
 * general RCU get_user_pages_fast.", Steve Capper, 2014-08-28 (mainline
 * 2667f50e8b81) with its pte recheck left out (after
 * page_cache_get_speculative(), pte_val(pte) compared with a fresh read of
 * the pte; on a mismatch put_page() and goto pte_unmap); the pairing
 * comment of mm/gup.c (PROTOCOLS.md 8, S35, from 70cbc3cc78a9): "To pin the page,
 * fast-gup needs to do below in order: (1) pin the page (by prefetching
 * pte), then (2) check pte not changed.  For the rest of pgtable
 * operations where pgtable updates can be racy with fast-gup, we need to
 * do (1) clear pte, then (2) check whether page is pinned."  The unmapper
 * is zap_page_range() (MADV_DONTNEED) with the 2014 generic mmu_gather of
 * mm/memory.c on arm64 (TLBI broadcast).  No kernel commit did this; on
 * x86's IPI flush the same code is safe (the flush waits for G's IRQ-off
 * section, so the page cannot be freed between G's pte read and its
 * reference), which is why x86's own gup.c took a plain get_page().
 *
 * Objects: pmds[1] maps the pte table pt (never freed here); its pte 0 maps
 * the anonymous page p (index 4) once P0 has faulted it in (Grace's init
 * block cannot declare a pte inside a table page).  Model addresses count
 * pages: pmds[1] covers 4..7.
 *
 * Actors:
 *   P0, CPU0 task: Z.  Faults p in at 4 (set_pte_at), then
 *       madvise(MADV_DONTNEED) of 4: zap_pte_range() (ptep_get_and_clear,
 *       p into the mmu_gather), tlb_finish_mmu() (TLBI broadcast, then
 *       put_page(): the mapping's reference was the last, p is freed);
 *       then a fault at 6 allocates a page (the allocator may hand p back)
 *       and maps it there (index 6).
 *   P1, CPU1 task: G.  __get_user_pages_fast(4, 1): local_irq_save,
 *       ACCESS_ONCE(pmds[1]), pte_offset_kernel() on its copy,
 *       ACCESS_ONCE(pte), page_cache_get_speculative(), no recheck,
 *       local_irq_restore; then checks C-I3 on what it got.
 *
 * Shortest failure (read from Grace's trace; PROTOCOLS.md's interleaving):
 * G reads pte 0 -> p; Z clears the pte, flushes (no wait for CPU1), drops
 * the last reference and frees p, then allocates p again for address 6;
 * G's page_cache_get_speculative(p) succeeds on the reallocated page, and
 * G returns it for address 4: assert(pages[0]->index == 4) fails (the
 * allocation reset the struct page; page_add_new_anon_rmap() would make
 * the index 6).  With the recheck, G would see pte 0 changed and drop the
 * reference: that model passes (checked, 259 states).
 *
 * Invariant broken: C-I3, G never returns a page whose pte was cleared
 * before G's recheck, here in the form that matters: a page freed and
 * reused by someone else.  Grace has no built-in check for it, so P1
 * asserts it on the page's identity (its anon index).
 * Expect: sc: violation assertion
 * Expect: tso: violation assertion
 * Config: tlb_flush=broadcast rcu=pre-4.20
 *)

{
  struct mm_struct mm = { .mm_users = 2 };
  struct page pt;
  struct page p = { .index = 4 };
  pmd_t pmds[2] = { 0, pt };
  struct mmu_gather tlb = { .mm = &mm };	/* tlb_gather_mmu() */
}

/* ---- model helpers (not kernel code) ---------------------------------- */

/* Pages per pmd: HPAGE_PMD_NR == PTRS_PER_PTE; model addresses count pages. */
unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long next = (addr / PTRS_PER_PTE + 1) * PTRS_PER_PTE;

	return next < end ? next : end;
}

/* Grace's pte_offset_kernel() takes the pte index. */
unsigned long pte_index(unsigned long addr)
{
	return addr % PTRS_PER_PTE;
}

/* ---- mm/gup.c, 2014 RCU fast GUP (CPU1) ------------------------------- */

int gup_pte_range(pmd_t pmd, unsigned long addr, unsigned long end,
		  int write, struct page **pages, int *nr)
{
	pte_t *ptep;
	pte_t pte;
	struct page *page;
	int ret = 0;

	/* 2014 pte_offset_map() without HIGHPTE: pte_offset_kernel(), no RCU */
	ptep = pte_offset_kernel(&pmd, pte_index(addr));
	do {
		pte = ACCESS_ONCE(*ptep);

		/* pte_special(), pte_numa(), write: none here */
		if (!pte_present(pte))
			break;

		page = pte_page(pte);

		if (!page_cache_get_speculative(page))
			break;

		/* c-B6: no "if (pte_val(pte) != pte_val(*ptep)) { put_page(page);
		 * goto pte_unmap; }" after the speculative reference */

		pages[*nr] = page;
		(*nr)++;

		ptep++;
		addr++;
		if (addr == end)
			ret = 1;
	} while (addr != end);

	/* pte_unmap(ptem): nothing without HIGHPTE */
	return ret;
}

int gup_pmd_range(unsigned long addr, unsigned long end, int write,
		  struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;
	pmd_t pmd;

	pmdp = &pmds[addr / PTRS_PER_PTE];	/* pmd_offset(&pud, addr) */
	do {
		pmd = ACCESS_ONCE(*pmdp);

		next = pmd_addr_end(addr, end);
		/* pmd_trans_splitting(), pmd_trans_huge(), pmd_huge(): no huge
		 * pmd in this model (see gup-fast-rcu-table-free.grace) */
		if (pmd_none(pmd))
			return 0;

		if (!gup_pte_range(pmd, addr, next, write, pages, nr))
			return 0;
		pmdp++;
		addr = next;
	} while (addr != end);

	return 1;
}

int __get_user_pages_fast(unsigned long start, int nr_pages, int write,
			  struct page **pages)
{
	unsigned long addr = start;
	unsigned long end = start + nr_pages;
	unsigned long flags;
	int nr = 0;

	/*
	 * Disable interrupts, we use the nested form as we can already
	 * have interrupts disabled by get_futex_key.
	 *
	 * With interrupts disabled, we block page table pages from being
	 * freed from under us. See mmu_gather_tlb in asm-generic/tlb.h
	 * for more details.
	 *
	 * We do not adopt an rcu_read_lock(.) here as we also want to
	 * block IPIs that come from THPs splitting.
	 */
	local_irq_save(flags);
	/* pgd and pud levels: one of each, never freed here */
	gup_pmd_range(addr, end, write, pages, &nr);
	local_irq_restore(flags);

	return nr;
}

/* ---- mmu_gather and zap, 2014 generic + arm64 (CPU0) ------------------ */

/* Shared state for Grace, so in the init block rather than on munmap's
 * stack; tlb_gather_mmu() is its initialiser there. */
struct mmu_gather {
	struct mm_struct *mm;
	unsigned int need_flush;
	unsigned int nr;			/* tlb->local.nr */
	struct page *pages[1];			/* tlb->local.pages */
};

/* __tlb_remove_page(): the batch has room */
void tlb_remove_page(struct mmu_gather *tlb, struct page *page)
{
	tlb->pages[tlb->nr] = page;
	tlb->nr++;
}

/* release_pages(): put_page_testzero() frees on the last reference */
void free_pages_and_swap_cache(struct page **pages, int nr)
{
	int i;

	for (i = 0; i < nr; i++)
		put_page(pages[i]);
}

void tlb_flush_mmu_tlbonly(struct mmu_gather *tlb)
{
	tlb->need_flush = 0;
	/* arm64 tlb_flush(): TLBI, hardware broadcast */
	flush_tlb_range(NULL /* vma of tlb->mm */, 0, 0 /* tlb->start, tlb->end */);
}

void tlb_flush_mmu_free(struct mmu_gather *tlb)
{
	/* tlb_table_flush(tlb): no table is freed here */
	free_pages_and_swap_cache(tlb->pages, tlb->nr);
	tlb->nr = 0;
}

void tlb_flush_mmu(struct mmu_gather *tlb)
{
	if (!tlb->need_flush)
		return;
	tlb_flush_mmu_tlbonly(tlb);
	tlb_flush_mmu_free(tlb);
}

void tlb_finish_mmu(struct mmu_gather *tlb, unsigned long start, unsigned long end)
{
	tlb_flush_mmu(tlb);
}

/* mm/memory.c */
void zap_pte_range(struct mmu_gather *tlb, pmd_t *pmd, unsigned long addr,
		   unsigned long end)
{
	pte_t *pte;
	pte_t ptent;

	/* pte_offset_map_lock(): nobody else takes this pte lock here */
	pte = pte_offset_kernel(pmd, pte_index(addr));
	do {
		ptent = ptep_get_and_clear(tlb->mm, addr, pte);
		if (pte_present(ptent)) {
			tlb->need_flush = 1;	/* tlb_remove_tlb_entry() */
			/* page_remove_rmap() */
			tlb_remove_page(tlb, pte_page(ptent));
		}
		pte++;
		addr++;
	} while (addr != end);
}

/* ---- the actors -------------------------------------------------------- */

P0(struct mm_struct *mm, struct mmu_gather *tlb, pmd_t *pmds, struct page *p)
{
	struct page *page;

	/* do_anonymous_page(): p is mapped at address 4 (pmds[1], pte 0) */
	set_pte_at(mm, 4, pte_offset_kernel(&pmds[1], 0), mk_pte(p, PAGE_SHARED));

	/* madvise(4, PAGE_SIZE, MADV_DONTNEED): zap_page_range();
	 * tlb_gather_mmu() is the init block */
	zap_pte_range(tlb, &pmds[1], 4, 5);	/* unmap_single_vma() */
	tlb_finish_mmu(tlb, 4, 5);

	/* do_anonymous_page() for address 6: a new page, maybe p again */
	page = alloc_page(GFP_KERNEL);		/* alloc_zeroed_user_highpage_movable() */
	page->index = 6;			/* page_add_new_anon_rmap() */
	set_pte_at(mm, 6, pte_offset_kernel(&pmds[1], 2), mk_pte(page, PAGE_SHARED));
}

P1(void)
{
	struct page *pages[1];
	int nr;

	nr = __get_user_pages_fast(4, 1, 0, pages);

	/*
	 * C-I3: a page G returns for address 4 is the page mapped there: an
	 * anonymous page's index is its linear page index, 4 here.  G's
	 * reference keeps a page it returns from being freed, so the index
	 * can only differ if G's reference was taken on a page already freed
	 * and reallocated for another address.
	 */
	if (nr == 1)
		assert(pages[0]->index == 4);
}
