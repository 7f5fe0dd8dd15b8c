C gup-fast-call-rcu-pre420

(*
 * RCU get_user_pages_fast with the mmu_gather table batch freed through
 * call_rcu() instead of call_rcu_sched(), before the v4.20 RCU flavour
 * consolidation (PROTOCOLS.md 4.5, variant c-B2, [inferred
 * counterfactual]).  With CONFIG_PREEMPT_RCU the call_rcu() grace period
 * does not wait for an IRQ-disabled region, which is all the walker has.
 *
 * Sources: the "Semi RCU freeing" comment of torvalds/linux
 * mm/mmu_gather.c @ 06d074298583 ("We use the sched RCU variant, as that
 * guarantees that IRQ/preempt disabling holds off grace periods") and
 * PROTOCOLS.md 1.2; otherwise the 2014 code of gup-fast-rcu-table-free.grace
 * (c-C1): "[PATCH V3 1/6] mm: Introduce a general RCU get_user_pages_fast."
 * and "[PATCH V3 5/6] arm64: mm: Enable HAVE_RCU_TABLE_FREE logic", Steve
 * Capper, 2014-08-28 (mainline 2667f50e8b81), and the 2014 generic
 * tlb_remove_table() of mm/memory.c.  The one changed line is in
 * tlb_table_flush().  No kernel commit did this.
 *
 * Objects: pmds[1] maps the pte table pt, whose pte 0 maps the anonymous
 * page p once P0 has faulted it in (Grace's init block cannot declare a
 * pte inside a table page).  Model addresses count pages: pmds[1] covers
 * 4..7.  No THP here: see gup-fast-rcu-table-free.grace.
 *
 * Actors:
 *   P0, CPU0 task: M.  Faults p in (set_pte_at), then munmap(4..8):
 *       zap_pte_range(), free_pte_range() (pmd_clear, pte_free_tlb ->
 *       tlb_remove_table(): batch page from __get_free_page(GFP_NOWAIT),
 *       which may fail; the batch, full with one table, goes to call_rcu()
 *       at once), tlb_finish_mmu() (TLBI broadcast, release of p).
 *   P1, CPU1 task: G.  __get_user_pages_fast(4, 1): local_irq_save,
 *       ACCESS_ONCE(pmds[1]), pte_offset_kernel() on its copy (2014: no
 *       rcu_read_lock()), ACCESS_ONCE(pte), page_cache_get_speculative(),
 *       pte recheck, local_irq_restore.
 *   C: tlb_remove_table_rcu(), RCU callback in softirq on CPU0.
 *
 * Shortest failure (read from Grace's trace; PROTOCOLS.md's interleaving):
 * G disables IRQs and reads pmds[1] -> pt; M clears pmds[1], gets a batch
 * page, queues the batch with call_rcu(); the grace period ends although
 * CPU1 still has IRQs off (rcu=pre-4.20: not a reader of this flavour);
 * tlb_remove_table_rcu() frees pt in softirq on CPU0; G reads pte 0 of pt.
 * When the batch allocation fails, the IPI fallback still protects G.
 *
 * Invariant broken: C-I1, no table is freed while a G that may hold a
 * pointer to it is in its IRQ-off section.
 * Expect: sc: violation use-after-free
 * Expect: tso: violation use-after-free
 * Config: tlb_flush=broadcast rcu=pre-4.20
 *)

{
  struct mm_struct mm = { .mm_users = 2 };
  struct page pt;
  struct page p;
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
		call_rcu(&(*batch)->rcu, tlb_remove_table_rcu);	/* was call_rcu_sched() */
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
	struct page *pages[1];
	int nr;

	nr = __get_user_pages_fast(4, 1, 0, pages);	/* p */
}
