C gup-fast-rcu-table-free

(*
 * RCU get_user_pages_fast for ARM/ARM64, 2014 final form (PROTOCOLS.md 4.5,
 * variant c-C1): the walker only disables IRQs; page tables are freed by
 * the mmu_gather "semi RCU" scheme (1.3), batch + call_rcu_sched(), or an
 * IPI and an immediate free when the batch page cannot be allocated; a THP
 * split sends a dummy IPI after marking the pmd splitting.
 *
 * Sources: "[PATCH V3 1/6] mm: Introduce a general RCU
 * get_user_pages_fast.", Steve Capper, 2014-08-28 (mainline 2667f50e8b81
 * "mm: introduce a general RCU get_user_pages_fast()"): gup_pte_range(),
 * gup_huge_pmd(), gup_pmd_range(), __get_user_pages_fast(); "[PATCH V3 5/6]
 * arm64: mm: Enable HAVE_RCU_TABLE_FREE logic", 2014-08-28: __pte_free_tlb()
 * -> tlb_remove_entry() -> tlb_remove_table(), __tlb_remove_table() =
 * free_page_and_swap_cache(); the arm64 pmdp_splitting_flush() with
 * smp_call_function(thp_splitting_flush_sync, NULL, 1) "dummy IPI to
 * serialise against fast_gup" of the same series (review by Mark Rutland,
 * Peter Zijlstra, Will Deacon); the 2014 generic tlb_remove_table() of
 * mm/memory.c (v3.x-v4.18 CONFIG_HAVE_RCU_TABLE_FREE block: mm_users < 2
 * shortcut, tlb_remove_table_one(), call_rcu_sched()), tlb_flush_mmu() =
 * tlb_flush_mmu_tlbonly() + tlb_flush_mmu_free(); get_huge_page_tail() of
 * include/linux/mm.h and __split_huge_page_splitting() /
 * __split_huge_page_refcount() of mm/huge_memory.c as of v3.17-v4.4.
 *
 * Objects: pmds[0] maps a THP (head H, tails T1..T3: HPAGE_PMD_NR = 4 =
 * PTRS_PER_PTE at page_words = 4) once P2 has faulted it in; pmds[1] maps
 * the pte table pt, whose pte 0 maps the anonymous page p once P0 has
 * faulted it in (Grace's init block can declare neither a huge pmd nor a
 * pte inside a table page, so each owner's first step installs it).  Model
 * addresses count pages: pmds[0] covers 0..3, pmds[1] covers 4..7.
 *
 * Actors:
 *   P0, CPU0 task: M.  Faults p in (set_pte_at), then munmap(4..8):
 *       unmap_region(): zap_pte_range() (ptep_get_and_clear, the page into
 *       the mmu_gather), free_pte_range() (pmd_clear, pte_free_tlb ->
 *       tlb_remove_table(): batch page from __get_free_page(GFP_NOWAIT),
 *       which may fail; the batch, full with one table, goes to
 *       call_rcu_sched() at once), tlb_finish_mmu() (TLBI broadcast, then
 *       the data pages are released).
 *   P1, CPU1 task: G.  __get_user_pages_fast(3, 2): local_irq_save, the
 *       THP tail T3 from pmds[0] (page_cache_add_speculative on the head,
 *       pmd recheck, get_huge_page_tail), then pte 0 of pmds[1]
 *       (page_cache_get_speculative, pte recheck), local_irq_restore.
 *       Its 2014 pte_offset_map() was pte_offset_kernel(): no
 *       rcu_read_lock(), only IRQs off protect the walk.
 *   P2, CPU2 task: S.  Faults the THP in (set_pmd_at under the pmd lock),
 *       then split_huge_page(H): __split_huge_page_splitting()
 *       (pmdp_splitting_flush: splitting bit + dummy IPI) and
 *       __split_huge_page_refcount() under zone->lru_lock (IRQs off).
 *       __split_huge_page_map() is left out: pmds[0] stays splitting, and a
 *       G that meets it backs off.
 *   C: tlb_remove_table_rcu(), RCU-sched callback in softirq on CPU0.
 *   IPI handlers tlb_remove_table_smp_sync() and thp_splitting_flush_sync()
 *   run on the other CPUs.
 *
 * Invariants: C-I1, pt is not freed while G, which may hold a pointer to it
 * (use-after-free on its pte read), is in its IRQ-off section; C-I4, G's
 * head/tail references never race with __split_huge_page_refcount(), as
 * the kernel's own VM_BUG_ON_PAGE()s in get_huge_page_tail() and BUG_ON()s
 * in __split_huge_page_refcount() check; C-I5, the allocation-failure
 * fallback ends (every run finishes).
 *
 * Left out: the hardware walker (C-I2).  On the fallback path the 2014
 * generic code freed the table right after the IPI, before any TLB
 * invalidate (tlb_table_invalidate() came with d86564a2f085 and the
 * 2020-02-03 "mm/mmu_gather: invalidate TLB correctly on batch allocation
 * failure and flush"); whether arm64's 2014 __pte_free_tlb() invalidated
 * the walk cache itself was not re-read [inferred], so a HW actor here
 * would test that, not c-C1.  (For the same reason the model's
 * MAX_TABLE_BATCH = 1, which makes tlb_remove_table() queue the batch
 * before tlb_finish_mmu()'s TLBI, as the 2014 code did whenever a batch
 * filled up, only matters to a HW walker.)  The pmd recheck is not what
 * protects G against the split here (the dummy IPI is), and the pte
 * recheck only matters once p can be reused (gup-fast-no-pte-recheck.grace).
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=broadcast rcu=pre-4.20
 *)

{
  struct mm_struct mm = { .mm_users = 2 };
  struct page pt;
  struct page p;
  struct page H = { ._mapcount = 0 };
  struct page T1 = { .flags = 0x8000, ._refcount = 0, ._mapcount = -1 };
  struct page T2 = { .flags = 0x8000, ._refcount = 0, ._mapcount = -1 };
  struct page T3 = { .flags = 0x8000, ._refcount = 0, ._mapcount = -1 };
  pmd_t pmds[2] = { 0, pt };
  spinlock_t pmdl;
  spinlock_t lru_lock;
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

/* ---- mmu_gather, 2014 generic + arm64 (CPU0) -------------------------- */

/* In the contents of the page from __get_free_page(): page_words = 4
 * cells hold the rcu_head (2), nr and one table, so MAX_TABLE_BATCH = 1. */
struct mmu_table_batch {
	struct rcu_head rcu;
	unsigned int nr;
	void *tables[1];
};

/* Shared state for Grace, so in the init block rather than on munmap's
 * stack; tlb_gather_mmu() is its initialiser there. */
struct mmu_gather {
	struct mm_struct *mm;
	struct mmu_table_batch *batch;
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

/* arm64 */
void __tlb_remove_table(void *_table)
{
	free_page_and_swap_cache((struct page *)_table);
}

void tlb_remove_table_smp_sync(void *arg)
{
	/* Simply deliver the interrupt */
}

void tlb_remove_table_one(void *table)
{
	/*
	 * This isn't an RCU grace period and hence the page-tables cannot be
	 * assumed to be actually RCU-freed.
	 *
	 * It is however sufficient for software page-table walkers that rely on
	 * IRQ disabling. See the comment near struct mmu_table_batch.
	 */
	smp_call_function(tlb_remove_table_smp_sync, NULL, 1);
	__tlb_remove_table(table);
}

void tlb_remove_table_rcu(struct rcu_head *head)
{
	struct mmu_table_batch *batch;
	int i;

	batch = container_of(head, struct mmu_table_batch, rcu);

	for (i = 0; i < batch->nr; i++)
		__tlb_remove_table(batch->tables[i]);

	free_page((unsigned long)batch);
}

void tlb_table_flush(struct mmu_gather *tlb)
{
	struct mmu_table_batch **batch = &tlb->batch;

	if (*batch) {
		call_rcu_sched(&(*batch)->rcu, tlb_remove_table_rcu);
		*batch = NULL;
	}
}

void tlb_remove_table(struct mmu_gather *tlb, void *table)
{
	struct mmu_table_batch **batch = &tlb->batch;

	tlb->need_flush = 1;

	/*
	 * When there's less then two users of this mm there cannot be a
	 * concurrent page-table walk.
	 */
	if (atomic_read(&tlb->mm->mm_users) < 2) {
		__tlb_remove_table(table);
		return;
	}

	if (*batch == NULL) {
		*batch = (struct mmu_table_batch *)__get_free_page(GFP_NOWAIT | __GFP_NOWARN);
		if (*batch == NULL) {
			tlb_remove_table_one(table);
			return;
		}
		(*batch)->nr = 0;
	}
	(*batch)->tables[(*batch)->nr++] = table;
	if ((*batch)->nr == 1)			/* MAX_TABLE_BATCH */
		tlb_table_flush(tlb);
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
	tlb_table_flush(tlb);			/* CONFIG_HAVE_RCU_TABLE_FREE */
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

/* arm64 [PATCH V3 5/6] */
void __pte_free_tlb(struct mmu_gather *tlb, pgtable_t pte, unsigned long addr)
{
	pgtable_page_dtor(pte);
	/* tlb_add_flush(tlb, addr): widens tlb->start/end */
	tlb_remove_table(tlb, pte);		/* tlb_remove_entry() */
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

void free_pte_range(struct mmu_gather *tlb, pmd_t *pmd, unsigned long addr)
{
	pgtable_t token = pmd_pgtable(*pmd);

	pmd_clear(pmd);
	__pte_free_tlb(tlb, token, addr);	/* pte_free_tlb() */
}

/* ---- THP split, arm64 + mm/huge_memory.c 2014 (CPU2) ------------------ */

void thp_splitting_flush_sync(void *arg)
{
}

void pmdp_splitting_flush(struct mm_struct *mm, unsigned long address, pmd_t *pmdp)
{
	pmd_t pmd = pmd_mksplitting(*pmdp);

	set_pmd_at(mm, address, pmdp, pmd);

	/* dummy IPI to serialise against fast_gup */
	smp_call_function(thp_splitting_flush_sync, NULL, 1);
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

P0(struct mm_struct *mm, struct mmu_gather *tlb, pmd_t *pmds, struct page *p)
{
	/* do_anonymous_page(): p is mapped at address 4 (pmds[1], pte 0) */
	set_pte_at(mm, 4, pte_offset_kernel(&pmds[1], 0), mk_pte(p, PAGE_SHARED));

	/* munmap(4..8): unmap_region(); tlb_gather_mmu() is the init block */
	zap_pte_range(tlb, &pmds[1], 4, 5);	/* unmap_vmas() */
	free_pte_range(tlb, &pmds[1], 4);	/* free_pgtables() */
	tlb_finish_mmu(tlb, 4, 8);
}

P1(void)
{
	struct page *pages[2];
	int nr;

	nr = __get_user_pages_fast(3, 2, 0, pages);	/* T3, then p */
}

P2(struct mm_struct *mm, pmd_t *pmds, struct page *H)
{
	/* do_huge_pmd_anonymous_page(): H is mapped at 0..3 (pmds[0]) */
	spin_lock(&pmdl);
	set_pmd_at(mm, 0, &pmds[0], mk_huge_pmd(H, PAGE_SHARED));
	spin_unlock(&pmdl);

	/* split_huge_page(H) */
	__split_huge_page(H, mm);
}
