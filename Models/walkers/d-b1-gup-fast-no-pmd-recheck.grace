C d-b1-gup-fast-no-pmd-recheck

(*
 * GUP-fast without the pmd recheck against khugepaged's anon THP collapse,
 * on an arch whose TLB flush does not wait for IRQ-disabled CPUs
 * (PROTOCOLS.md 5.6, variant d-B1; = c-B7 of 4.5).
 *
 * Source: the race fixed by 70cbc3cc78a9 "mm: gup: fix the fast GUP race
 * against THP collapse" (Yang Shi; "[v2 PATCH 1/2] mm: gup: fix the fast
 * GUP race against THP collapse", 2022-09-07,
 * 20220907180144.555485-1-shy828301@gmail.com; Fixes 2667f50e8b81 "mm:
 * introduce a general RCU get_user_pages_fast()").  The code is the one
 * just before that fix and before 2ba99c5e0881 "mm/khugepaged: fix
 * GUP-fast interaction by sending IPI": gup_pte_range() rechecks only the
 * pte, and collapse_huge_page() sends no IPI after pmdp_collapse_flush()
 * (its comment then said "After this gup_fast can't run anymore").
 * collapse_huge_page(), __collapse_huge_page_isolate(),
 * is_refcount_suitable() and __collapse_huge_page_copy() follow
 * mm/khugepaged.c of v6.0/v6.1 with those two lines taken out.
 *
 * Objects: pmd0 maps the PTE table pt of an anonymous vma; p is the anon
 * page the process faults in (declared, _refcount 1 from its allocation,
 * _mapcount -1: not yet mapped); hpage is the huge page khugepaged has
 * already allocated and charged (alloc_charge_hpage()).  pml is the pmd
 * lock; pt's split pte lock is pt->ptl (pte_lockptr()).  One pte stands
 * for the 512 of a table.
 *
 * Actors:
 *   P0, CPU0 task: KA, khugepaged collapse_huge_page() of the range mapped
 *       by pmd0, from mmap_write_lock() on (the scan under mmap_read_lock
 *       that chose the range, hugepage_vma_revalidate(), the anon_vma
 *       lock and the mmu notifiers are left out).
 *       khugepaged_max_ptes_none is 0 here, so a range whose pte is still
 *       none is not collapsed (SCAN_EXCEED_NONE_PTE) and the pmd is put
 *       back.
 *   P1, CPU1 task: the process.  It first touches the page: a page fault
 *       under mmap_read_lock() ending in do_anonymous_page() (a
 *       semi-locked walker: before v6.5 pte_offset_map_lock() rechecks
 *       nothing, the mmap lock keeps khugepaged out).  Then it hands the
 *       buffer to a syscall that pins it with get_user_pages_fast()
 *       (FOLL_GET): lockless_pages_from_mm() with IRQs off around
 *       gup_pmd_range() / gup_pte_range(); before v6.5 pte_offset_map()
 *       took no rcu_read_lock(), so it is Grace's pte_offset_kernel() on
 *       the walker's pmd copy and pte_unmap() is nothing.  The syscall
 *       then uses the page (say an O_DIRECT read into it) and drops it.
 *
 * arm64: the TLB flush in pmdp_collapse_flush() is a broadcast TLBI that
 * does not wait for CPU1's IRQ-off section.
 *
 * Model notes: the page fault is in the model because Grace cannot give a
 * declared page table initial pte contents; it is the one way to get p
 * mapped, and it is ordinary kernel code.  __collapse_huge_page_copy()'s
 * free_page_and_swap_cache(src_page) is written put_page(src_page): in the
 * kernel it drops the mapping's reference (free_swap_cache() +
 * put_page()), while Grace's free_page_and_swap_cache() frees the page
 * whatever its count.
 *
 * How the invariant is written: the kernel has no check for this bug; the
 * page GUP-fast returns is simply no longer the one mapped, and what the
 * syscall writes into it never reaches the process.  In this model only
 * collapse unmaps p: __collapse_huge_page_copy() drops p's mapcount with
 * page_remove_rmap() as it discards it.  So the assert(page_mapped(page))
 * in the caller, after get_user_pages_fast() has returned, states D-I4
 * (= C-I3): GUP-fast never returns a page that collapse copied and
 * discarded.  It sits after local_irq_restore(), so a run can delay it past
 * any step of collapse: if the bad outcome is reachable at all, some run
 * reaches it with the assert last.
 *
 * Shortest failure, which is the interleaving of the fix's commit text
 * (PROTOCOLS.md 5.6, d-B1): P1 faults p in; P1 disables IRQs, sees pmd0 ->
 * pt and reads the pte -> p; P0 clears pmd0 with pmdp_collapse_flush()
 * (no wait) and __collapse_huge_page_isolate() finds p's refcount equal to
 * its mapcount (not pinned yet) and isolates it; P1 pins p, rechecks the
 * pte (unchanged) and returns p; P0 copies p, clears the pte and
 * page_remove_rmap()s p; the caller's assert fails.  (Installing the huge
 * pmd and dropping p's last mapping reference come after, and are not
 * needed for the failure.)
 *
 * Invariant broken: D-I4 (= C-I3), GUP-fast never returns a page whose
 * mapping collapse has torn down.
 * Expect: sc: violation assertion
 * Expect: tso: violation assertion
 * Config: tlb_flush=broadcast
 *)

{
  struct mm_struct mm;
  struct page pt;
  pmd_t pmd0 = pt;
  struct page p = { ._mapcount = -1 };
  struct page hpage = { ._mapcount = -1 };
  pgtable_t pmd_huge_pte;
  spinlock_t pml;
  int khugepaged_max_ptes_none = 0;	/* sysfs khugepaged/max_ptes_none */
}

int page_count(struct page *page)
{
	return atomic_read(&page->_refcount);
}

int page_mapcount(struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

bool page_mapped(struct page *page)
{
	return atomic_read(&page->_mapcount) >= 0;
}

void page_add_new_anon_rmap(struct page *page)
{
	atomic_set(&page->_mapcount, 0);
}

void page_remove_rmap(struct page *page)
{
	atomic_add_negative(-1, &page->_mapcount);
}

/* The isolation reference: folio_isolate_lru() does folio_get(). */
int isolate_lru_page(struct page *page)
{
	get_page(page);
	return 0;
}

/* unlock_page(); putback_lru_page(): drops the isolation reference. */
void release_pte_page(struct page *page)
{
	put_page(page);
}

/* generic pgtable_trans_huge_deposit(): pmd_huge_pte(mm, pmdp) = pgtable */
void pgtable_trans_huge_deposit(struct mm_struct *mm, pmd_t *pmdp, pgtable_t pgtable)
{
	INIT_LIST_HEAD(&pgtable->lru);
	WRITE_ONCE(pmd_huge_pte, pgtable);
}

/* split pte lock: ptlock_ptr(page_ptdesc(pmd_page(*pmd))) */
spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	return &pmd_page(*pmd)->ptl;
}

/* before v6.5: the pte lock of the table *pmd maps; no rcu, no recheck */
pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long address,
			   spinlock_t **ptlp)
{
	spinlock_t *__ptl = pte_lockptr(mm, pmd);
	pte_t *__pte = pte_offset_kernel(pmd, address);	/* pte_offset_map(pmd, address) */

	*ptlp = __ptl;
	spin_lock(__ptl);
	return __pte;
}

/* ---- P1's page fault, before v6.5 ---- */

int do_anonymous_page(pmd_t *pmd, unsigned long address)
{
	struct page *page;
	pte_t entry;
	pte_t *pte;
	spinlock_t *ptl;

	page = &p;				/* alloc_zeroed_user_highpage_movable() */
	entry = mk_pte(page, 0);		/* mk_pte(page, vma->vm_page_prot), writable, dirty */

	pte = pte_offset_map_lock(&mm, pmd, address, &ptl);
	if (!pte_none(ptep_get(pte))) {
		spin_unlock(ptl);		/* goto release */
		put_page(page);
		return 0;
	}
	page_add_new_anon_rmap(page);
	set_pte_at(&mm, address, pte, entry);
	spin_unlock(ptl);			/* pte_unmap_unlock(vmf->pte, vmf->ptl) */
	return 0;
}

void handle_mm_fault(unsigned long address)
{
	pmd_t pmdval;

	/* __handle_mm_fault() -> handle_pte_fault(): pmd0 maps a table */
	pmdval = READ_ONCE(pmd0);
	if (pmd_none(pmdval) || pmd_trans_huge(pmdval))
		return;				/* do_huge_pmd_anonymous_page() etc.: not here */
	do_anonymous_page(&pmd0, address);
}

/* ---- P1's GUP-fast, before 70cbc3cc78a9 ---- */

/* FOLL_GET: try_grab_folio() is folio_try_get_rcu(), gup_put_folio() folio_put(). */
struct page *try_grab_folio(struct page *page, int refs, unsigned int flags)
{
	if (!page_cache_get_speculative(page))
		return NULL;
	return page;
}

int gup_pte_range(pmd_t pmd, unsigned long addr, unsigned long end,
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
		if (pte_val(pte) != pte_val(*ptep)) {
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
		return 0;			/* gup_huge_pmd(): not modelled */
	if (!gup_pte_range(pmd, addr, end, flags, pages, nr))
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

/* ---- P0's collapse ---- */

bool is_refcount_suitable(struct page *page)
{
	int expected_refcount;

	expected_refcount = page_mapcount(page);	/* total_mapcount(page); not in swap cache */
	return page_count(page) == expected_refcount;
}

int __collapse_huge_page_isolate(unsigned long address, pte_t *pte)
{
	pte_t pteval;
	struct page *page;
	int none_or_zero = 0;

	/* for (_pte = pte; _pte < pte + HPAGE_PMD_NR; ...): one pte */
	pteval = ptep_get(pte);
	if (pte_none(pteval)) {
		++none_or_zero;
		if (none_or_zero <= khugepaged_max_ptes_none)
			return 1;		/* continue: SCAN_SUCCEED after the loop */
		return 0;			/* SCAN_EXCEED_NONE_PTE */
	}
	page = pte_page(pteval);		/* vm_normal_page(vma, address, pteval) */
	/* trylock_page(page): nobody else locks p here */
	/*
	 * Check if the page has any GUP (or other external) pins.
	 *
	 * The page table that maps the page has been already unlinked
	 * from the page table tree and this process cannot get
	 * an additional pin on the page.
	 */
	if (!is_refcount_suitable(page))
		return 0;			/* unlock_page(page); SCAN_PAGE_COUNT */
	/*
	 * Isolate the page to avoid collapsing an hugepage
	 * currently in use by the VM.
	 */
	isolate_lru_page(page);
	return 1;				/* SCAN_SUCCEED (young and writable) */
}

void __collapse_huge_page_copy(pte_t *pte, struct page *page, unsigned long address,
			       spinlock_t *ptl)
{
	pte_t pteval;
	struct page *src_page;

	/* one pte; isolate succeeded, so it is present */
	pteval = ptep_get(pte);
	src_page = pte_page(pteval);
	/* copy_user_highpage(page, src_page, address, vma) */
	release_pte_page(src_page);		/* !PageCompound(src_page) */
	/*
	 * ptl mostly unnecessary, but preempt has to
	 * be disabled to update the per-cpu stats
	 * inside page_remove_rmap().
	 */
	spin_lock(ptl);
	pte_clear(&mm, address, pte);		/* ptep_clear(vma->vm_mm, address, _pte) */
	page_remove_rmap(src_page);
	spin_unlock(ptl);
	put_page(src_page);			/* free_page_and_swap_cache(src_page) */
}

void collapse_huge_page(struct mm_struct *mm, unsigned long address)
{
	pmd_t *pmd;
	pmd_t _pmd;
	pte_t *pte;
	pgtable_t pgtable;
	spinlock_t *pte_ptl;
	int isolated;

	/*
	 * Prevent all access to pagetables with the exception of
	 * gup_fast later handled by the ptep_clear_flush and the VM
	 * handled by the anon_vma lock + PG_lock.
	 */
	mmap_write_lock(mm);
	/* check if the pmd is still valid: check_pmd_still_valid() */
	pmd = &pmd0;
	_pmd = READ_ONCE(*pmd);
	if (pmd_none(_pmd) || pmd_trans_huge(_pmd)) {
		mmap_write_unlock(mm);		/* goto out_up_write */
		return;
	}

	pte = pte_offset_kernel(pmd, address);	/* pte_offset_map(pmd, address) */
	pte_ptl = pte_lockptr(mm, pmd);

	spin_lock(&pml);			/* pmd_ptl = pmd_lock(mm, pmd); probably unnecessary */
	/*
	 * After this gup_fast can't run anymore. This also removes
	 * any huge TLB entry from the CPU so we won't allow
	 * huge and small TLB entries for the same virtual address
	 * to avoid the risk of CPU bugs in that area.
	 */
	_pmd = pmdp_collapse_flush(NULL, address, pmd);
	spin_unlock(&pml);

	spin_lock(pte_ptl);
	isolated = __collapse_huge_page_isolate(address, pte);
	spin_unlock(pte_ptl);

	if (!isolated) {
		spin_lock(&pml);
		BUG_ON(!pmd_none(*pmd));
		/*
		 * We can only use set_pmd_at when establishing
		 * hugepmds and never for establishing regular pmds that
		 * points to regular pagetables. Use pmd_populate for that
		 */
		pmd_populate(mm, pmd, pmd_pgtable(_pmd));
		spin_unlock(&pml);
		mmap_write_unlock(mm);		/* goto out_up_write */
		return;
	}

	__collapse_huge_page_copy(pte, &hpage, address, pte_ptl);
	/* __SetPageUptodate(hpage) */
	pgtable = pmd_pgtable(_pmd);

	_pmd = mk_huge_pmd(&hpage, 0);		/* mk_huge_pmd(hpage, vma->vm_page_prot), writable, dirty */

	spin_lock(&pml);
	BUG_ON(!pmd_none(*pmd));
	page_add_new_anon_rmap(&hpage);
	pgtable_trans_huge_deposit(mm, pmd, pgtable);
	set_pmd_at(mm, address, pmd, _pmd);
	spin_unlock(&pml);

	mmap_write_unlock(mm);			/* out_up_write */
}

P0(struct mm_struct *mm)
{
	collapse_huge_page(mm, 0);
}

P1(struct mm_struct *mm)
{
	struct page *pages[1];
	int nr;

	/* the process writes to the buffer: do_user_addr_fault() */
	mmap_read_lock(mm);
	handle_mm_fault(0);
	mmap_read_unlock(mm);

	/* then a syscall pins it: get_user_pages_fast(start, 1, 0, pages) */
	nr = lockless_pages_from_mm(0, PAGE_SIZE, 0, pages);
	if (nr) {
		/* D-I4: the page returned is still the one the process maps */
		assert(page_mapped(pages[0]));
		put_page(pages[0]);
	}
	/* else: the slow path, get_user_pages_unlocked(), not modelled */
}
