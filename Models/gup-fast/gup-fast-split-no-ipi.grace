C gup-fast-split-no-ipi

(*
 * RCU get_user_pages_fast with the generic pmdp_splitting_flush() on an
 * arch whose TLB flush is a hardware broadcast (PROTOCOLS.md 4.5, variant
 * c-B3, [inferred]): the splitting bit is set and the TLB flushed, but no
 * IPI is sent, so nothing waits for a walker that read the huge pmd with
 * IRQs off, and the refcount split runs under its feet.
 *
 * Sources: the generic pmdp_splitting_flush() of torvalds/linux
 * mm/pgtable-generic.c @ 00c987e8443b ("tlb flush only to serialize
 * against gup-fast", fine where the flush is an IPI); the arm64 version
 * that replaces it in "[PATCH V3 1/6] mm: Introduce a general RCU
 * get_user_pages_fast." series (Steve Capper, 2014-08-28) sends the "dummy
 * IPI to serialise against fast_gup" instead (gup-fast-rcu-table-free.grace,
 * c-C1); the walker is the 2014 gup_huge_pmd() / gup_pmd_range() /
 * __get_user_pages_fast() of that patch (mainline 2667f50e8b81);
 * get_huge_page_tail() of include/linux/mm.h and
 * __split_huge_page_splitting() / __split_huge_page_refcount() of
 * mm/huge_memory.c as of v3.17-v4.4.
 *
 * Objects: pmds[0] maps a THP (head H, tails T1..T3: HPAGE_PMD_NR = 4 =
 * PTRS_PER_PTE at page_words = 4) once P0 has faulted it in (Grace's init
 * block cannot declare a huge pmd).  Model addresses count pages.
 *
 * Actors:
 *   P0, CPU0 task: S.  Faults the THP in (set_pmd_at under the pmd lock),
 *       then split_huge_page(H): __split_huge_page_splitting() (generic
 *       pmdp_splitting_flush: splitting bit + flush_tlb_range, a broadcast
 *       that waits for nobody), then __split_huge_page_refcount() under
 *       zone->lru_lock.
 *   P1, CPU1 task: G.  __get_user_pages_fast(3, 1): local_irq_save, pmds[0]
 *       huge -> gup_huge_pmd() for the tail T3: page_cache_add_speculative()
 *       on the head, pmd recheck, get_huge_page_tail(T3), local_irq_restore.
 *
 * Shortest failure (read from Grace's trace): G reads the huge pmd, takes
 * its head reference and passes the pmd recheck; S sets the splitting bit
 * and flushes without waiting for CPU1, takes lru_lock and, for T3, reads
 * its tail mapcount (no pin from G yet), adds the mapping references to
 * T3's _count and clears PageTail; G, still inside its IRQ-off section,
 * checks PageTail(T3) in gup_huge_pmd() before that clear, so it calls
 * get_huge_page_tail(T3), whose VM_BUG_ON_PAGE(!PageTail(page)) fires
 * (had that check come before the clear, the next one,
 * VM_BUG_ON_PAGE(atomic_read(&page->_count) != 0), would have fired).
 * Had G come later, its tail pin would sit in H's _count instead of T3's:
 * the refcount corruption of C-I4.
 *
 * Compared with PROTOCOLS.md's interleaving ("G reads a huge pmd ... about
 * to page_cache_add_speculative; S sets the splitting bit ...; G takes the
 * head/tail refs"): with the 2014 pmd recheck in gup_huge_pmd(), a G that
 * takes the head reference after S set the splitting bit backs off (the
 * pmd value changed), so the window that remains is the one above: head
 * reference and recheck before the splitting bit, tail pins after the
 * refcount split started.  The document's conclusion stands; its step 1
 * is one step early.
 *
 * Invariant broken: C-I4, no G takes head/tail references on a THP
 * concurrently with the split's refcount redistribution, as the kernel's
 * own VM_BUG_ON_PAGE()s in get_huge_page_tail() ("__split_huge_page_refcount()
 * cannot run from under us") state it.
 * Expect: sc: violation bug
 * Expect: tso: violation bug
 * Config: tlb_flush=broadcast
 *)

{
  struct mm_struct mm;
  struct page H = { ._mapcount = 0 };
  struct page T1 = { .flags = 0x8000, ._refcount = 0, ._mapcount = -1 };
  struct page T2 = { .flags = 0x8000, ._refcount = 0, ._mapcount = -1 };
  struct page T3 = { .flags = 0x8000, ._refcount = 0, ._mapcount = -1 };
  pmd_t pmds[1];
  spinlock_t pmdl;
  spinlock_t lru_lock;
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

/* head + i: a compound page's struct pages are consecutive in mem_map;
 * Grace's pages are separate objects, so the model names them. */
struct page *thp_subpage(struct page *head, unsigned long i)
{
	if (i == 0)
		return head;
	if (i == 1)
		return &T1;
	if (i == 2)
		return &T2;
	return &T3;
}

/* PG_tail: a page flag Grace does not name; bit 15 of page->flags here. */
int PageTail(struct page *page)
{
	return test_bit(15, &page->flags);
}

void ClearPageTail(struct page *page)
{
	clear_bit(15, &page->flags);
}

/* arm64 2014: PMD_SECT_SPLITTING, a software bit of the pmd.  Grace's pmd_t
 * has no splitting state: the model keeps the bit in a spare flag bit of
 * the pmd value (bit 58), which pmd_page() masks off.  (Written with a
 * cast: this Grace types the literal 1UL as int, so 1UL << 58 is 0.) */
int pmd_trans_splitting(pmd_t pmd)
{
	return (pmd_val(pmd) & ((unsigned long)1 << 58)) != 0;
}

pmd_t pmd_mksplitting(pmd_t pmd)
{
	return (pmd_t)(pmd_val(pmd) | ((unsigned long)1 << 58));
}

int page_mapcount(struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

/* ---- include/linux/mm.h (v3.17) --------------------------------------- */

void get_huge_page_tail(struct page *page)
{
	/*
	 * __split_huge_page_refcount() cannot run from under us.
	 */
	VM_BUG_ON_PAGE(!PageTail(page), page);
	VM_BUG_ON_PAGE(page_mapcount(page) < 0, page);
	VM_BUG_ON_PAGE(atomic_read(&page->_refcount) != 0, page);	/* _count */
	/* compound_tail_refcounted(page->first_page): true for an anon THP */
	atomic_inc(&page->_mapcount);
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

		if (pte_val(pte) != pte_val(*ptep)) {
			put_page(page);
			break;
		}

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

int gup_huge_pmd(pmd_t orig, pmd_t *pmdp, unsigned long addr,
		 unsigned long end, int write, struct page **pages, int *nr)
{
	struct page *head;
	unsigned long i;
	unsigned long first;
	int refs;

	/* write && !pmd_write(orig): write is 0 */

	refs = 0;
	head = pmd_page(orig);
	first = addr % PTRS_PER_PTE;		/* (addr & ~PMD_MASK) >> PAGE_SHIFT */
	i = first;				/* page = head + i; tail = page */
	do {
		pages[*nr] = thp_subpage(head, i);
		(*nr)++;
		i++;				/* page++ */
		refs++;
		addr++;
	} while (addr != end);

	if (!page_cache_add_speculative(head, refs)) {
		*nr -= refs;
		return 0;
	}

	if (pmd_val(orig) != pmd_val(*pmdp)) {
		*nr -= refs;
		while (refs--)
			put_page(head);
		return 0;
	}

	/*
	 * Any tail pages need their mapcount reference taken before we
	 * return. (This allows the THP code to bump their ref count when
	 * they are split into base pages).
	 */
	i = first;
	while (refs--) {
		if (PageTail(thp_subpage(head, i)))
			get_huge_page_tail(thp_subpage(head, i));
		i++;				/* tail++ */
	}

	return 1;
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
		if (pmd_none(pmd) || pmd_trans_splitting(pmd))
			return 0;

		if (pmd_trans_huge(pmd) || pmd_huge(pmd)) {
			/* pmd_numa(pmd): never here */
			if (!gup_huge_pmd(pmd, pmdp, addr, next, write, pages, nr))
				return 0;
		} else if (!gup_pte_range(pmd, addr, next, write, pages, nr))
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

/* ---- THP split, generic + mm/huge_memory.c 2014 (CPU0) ---------------- */

/* mm/pgtable-generic.c; the model passes the mm where the kernel passes
 * the vma */
void pmdp_splitting_flush(struct mm_struct *mm, unsigned long address, pmd_t *pmdp)
{
	pmd_t pmd = pmd_mksplitting(*pmdp);

	set_pmd_at(mm, address, pmdp, pmd);
	/* tlb flush only to serialize against gup-fast */
	flush_tlb_range(NULL /* vma */, address, address + PTRS_PER_PTE /* HPAGE_PMD_SIZE */);
}

int __split_huge_page_splitting(struct page *page, struct mm_struct *mm,
				unsigned long address)
{
	pmd_t *pmd = &pmds[address / PTRS_PER_PTE];
	int ret = 0;

	/* page_check_address_pmd(page, mm, address,
	 *	PAGE_CHECK_ADDRESS_PMD_NOTSPLITTING_FLAG, &ptl) */
	spin_lock(&pmdl);
	if (pmd_trans_huge(*pmd) && !pmd_trans_splitting(*pmd) &&
	    pmd_page(*pmd) == page) {
		/*
		 * We can't temporarily set the pmd to null in order
		 * to split it, the pmd must remain marked huge at all
		 * times or the VM won't take the pmd_trans_huge paths
		 * and it won't wait on the anon_vma->root->rwsem to
		 * serialize against split_huge_page*.
		 */
		pmdp_splitting_flush(mm, address, pmd);
		ret = 1;
	}
	spin_unlock(&pmdl);

	return ret;
}

void __split_huge_page_refcount(struct page *page)
{
	int i;
	int tail_count = 0;
	struct page *page_tail;

	/* prevent PageLRU to go away from under us, and freeze lru stats */
	spin_lock_irq(&lru_lock);		/* &zone->lru_lock */
	/* compound_lock(page): only tail get_page()/put_page() take it */

	for (i = PTRS_PER_PTE - 1; i >= 1; i--) {	/* HPAGE_PMD_NR */
		page_tail = thp_subpage(page, i);

		/* tail_page->_mapcount cannot change */
		BUG_ON(page_mapcount(page_tail) < 0);
		tail_count += page_mapcount(page_tail);
		/* check for overflow */
		BUG_ON(tail_count < 0);
		BUG_ON(atomic_read(&page_tail->_refcount) != 0);
		atomic_add(page_mapcount(page) + page_mapcount(page_tail) + 1,
			   &page_tail->_refcount);

		/* after clearing PageTail the gup refcount can be released */
		smp_mb__after_atomic();

		/* page_tail->flags &= ~PAGE_FLAGS_CHECK_AT_PREP | __PG_HWPOISON; */
		ClearPageTail(page_tail);

		/* clear PageTail before overwriting first_page */
		smp_wmb();

		atomic_set(&page_tail->_mapcount, atomic_read(&page->_mapcount));
		/* mapping, index, lru_add_page_tail(): nothing here */
	}
	atomic_sub(tail_count, &page->_refcount);
	BUG_ON(atomic_read(&page->_refcount) <= 0);

	/* ClearPageCompound(page); compound_unlock(page) */
	spin_unlock_irq(&lru_lock);
}

void __split_huge_page(struct page *page, struct mm_struct *mm)
{
	/* the anon_vma interval tree holds one vma, mapping H at 0 */
	if (!__split_huge_page_splitting(page, mm, 0))
		return;
	__split_huge_page_refcount(page);
	/* __split_huge_page_map(): not modelled, pmds[0] stays splitting */
}

/* ---- the actors -------------------------------------------------------- */

P0(struct mm_struct *mm, pmd_t *pmds, struct page *H)
{
	/* do_huge_pmd_anonymous_page(): H is mapped at 0..3 (pmds[0]) */
	spin_lock(&pmdl);
	set_pmd_at(mm, 0, &pmds[0], mk_huge_pmd(H, PAGE_SHARED));
	spin_unlock(&pmdl);

	/* split_huge_page(H) */
	__split_huge_page(H, mm);
}

P1(void)
{
	struct page *pages[1];
	int nr;

	nr = __get_user_pages_fast(3, 1, 0, pages);	/* T3 */
}
