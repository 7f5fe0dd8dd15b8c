C mmu-gather-semi-rcu

(*
 * The mmu_gather "semi RCU" page-table free (PROTOCOLS.md 1.3) against an
 * IRQ-off GUP-fast walker, on an arch whose TLB flush is a hardware
 * broadcast that waits for nobody (arm64, powerpc radix), so that only the
 * table-freeing scheme protects the walker.
 *
 * Source: torvalds/linux mm/mmu_gather.c @ 06d07429858317ded2db7986113a9e0129cd599b
 * (tlb_remove_table, tlb_table_flush, tlb_remove_table_one,
 * tlb_remove_table_sync_one, tlb_remove_table_free, tlb_remove_table_rcu,
 * __tlb_remove_table_free, tlb_flush_mmu, tlb_finish_mmu); the
 * tlb_table_invalidate() on batch allocation failure is from "mm/mmu_gather:
 * invalidate TLB correctly on batch allocation failure and flush", Peter
 * Zijlstra / Aneesh Kumar K.V., mm-commits 2020-02-03; the ordering
 * contract "1) unhook page 2) TLB invalidate page 3) free page" and the
 * "Semi RCU freeing" comment from include/asm-generic/tlb.h @ 0758cd830494.
 * The arch hooks are arm64's (__pte_free_tlb() -> tlb_remove_table(),
 * __tlb_remove_table() = free_page_and_swap_cache()), "[PATCH V3 5/6]
 * arm64: mm: Enable HAVE_RCU_TABLE_FREE logic", Steve Capper, 2014-08-28.
 * The walker is gup_fast() -> gup_fast_pmd_range() -> gup_fast_pte_range()
 * of mainline mm/gup.c, reduced to its page-table reads.
 *
 * Objects: two PTE tables pt0 and pt1, hooked at pmd0 and pmd1 (adjacent
 * pmds, one munmap range).  struct mmu_gather keeps only its table batch
 * and lives in the init block (the kernel's is on munmap's stack);
 * tlb_gather_mmu() is the init block's NULL batch.  The batch page from
 * __get_free_page() holds struct mmu_table_batch in its contents: an
 * rcu_head (2 words), nr and MAX_TABLE_BATCH = 2 table pointers, hence
 * page_words=5.  The allocator may also hand back a page freed earlier in
 * the run (pt0 after a fallback free); Grace explores that too.
 *
 * Actors:
 *   P0, CPU0 task: munmap: free_pgtables() -> free_pte_range() on pmd0,
 *       then pmd1 (pmd_clear(), pte_free_tlb() -> tlb_remove_table()),
 *       then tlb_finish_mmu().  Each tlb_remove_table() with no batch yet
 *       allocates one with __get_free_page(GFP_NOWAIT | __GFP_NOWARN),
 *       which may fail; all four outcomes of the two attempts are explored:
 *       - a batch: the table is added; when it holds MAX_TABLE_BATCH tables
 *         (or at tlb_finish_mmu()) tlb_table_flush() invalidates the TLB
 *         and queues the batch with call_rcu(tlb_remove_table_rcu), which
 *         frees the tables and the batch page after a grace period;
 *       - no batch: tlb_table_invalidate(), then tlb_remove_table_one():
 *         smp_call_function(tlb_remove_table_smp_sync, NULL, 1) and an
 *         immediate __tlb_remove_table(); no grace period.
 *   P1, CPU1 task: GUP-fast over the range of pmd0 and pmd1:
 *       local_irq_save(); for each pmd, pmdp_get_lockless() and, if it
 *       names a table, ptep_get_lockless() of a pte of that table;
 *       local_irq_restore().  The pte pointer is taken from the walker's own
 *       copy of the pmd, as gup_fast_pte_range() does with
 *       pte_offset_map(&pmd, addr); it is written pte_offset_kernel(), the
 *       pte_offset_map() of v6.4 and earlier (no rcu_read_lock()), so that
 *       only the IRQ-off section protects the walk, which is what the
 *       "Semi RCU" comment relies on.
 *   tlb_remove_table_rcu(): RCU callback, softirq on CPU0.
 *   tlb_remove_table_smp_sync(): IPI handler, hardirq on CPU1.
 *
 * Why it passes: a walker that read pmd0 -> pt0 (or pmd1 -> pt1) did so
 * with IRQs off, before munmap's pmd_clear().  On the batch path the grace
 * period of call_rcu() cannot end while CPU1 has IRQs off (rcu=consolidated:
 * an IRQ-off region is a reader); on the fallback path smp_call_function()
 * waits until CPU1 takes the IPI, which it does only with IRQs on again.
 * A walker that disables IRQs after the pmd_clear() finds the pmd empty.
 *
 * Invariant: C-I1, no table is freed while a GUP-fast walker that may hold
 * a pointer to it is inside its IRQ-off section (a pte read of a freed
 * table is a use-after-free); and every run ends: the fallback frees in
 * bounded time, every callback and IPI runs (C-I5).
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=broadcast rcu=consolidated page_words=5
 *)

{
  struct page pt0;
  struct page pt1;
  pmd_t pmd0 = pt0;
  pmd_t pmd1 = pt1;
  struct mmu_gather tlb;
}

/* In the contents of the page from __get_free_page(). */
struct mmu_table_batch {
	struct rcu_head rcu;
	unsigned int nr;
	void *tables[2];			/* MAX_TABLE_BATCH = 2 */
};

struct mmu_gather {
	struct mmu_table_batch *batch;
};

/* arm64 */
void __tlb_remove_table(void *_table)
{
	free_page_and_swap_cache((struct page *)_table);
}

void __tlb_remove_table_free(struct mmu_table_batch *batch)
{
	int i;

	for (i = 0; i < batch->nr; i++)
		__tlb_remove_table(batch->tables[i]);

	free_page((unsigned long)batch);
}

void tlb_remove_table_smp_sync(void *arg)
{
	/* Simply deliver the interrupt */
}

void tlb_remove_table_sync_one(void)
{
	/*
	 * This isn't an RCU grace period and hence the page-tables cannot be
	 * assumed to be actually RCU-freed.
	 *
	 * It is however sufficient for software page-table walkers that rely on
	 * IRQ disabling.
	 */
	smp_call_function(tlb_remove_table_smp_sync, NULL, 1);
}

void tlb_remove_table_rcu(struct rcu_head *head)
{
	__tlb_remove_table_free(container_of(head, struct mmu_table_batch, rcu));
}

void tlb_remove_table_free(struct mmu_table_batch *batch)
{
	call_rcu(&batch->rcu, tlb_remove_table_rcu);
}

void tlb_table_invalidate(struct mmu_gather *tlb)
{
	/* tlb_needs_table_invalidate() is true on arm64 and powerpc radix */
	tlb_flush_mmu_tlbonly(tlb);
}

void tlb_remove_table_one(void *table)
{
	tlb_remove_table_sync_one();
	__tlb_remove_table(table);
}

void tlb_table_flush(struct mmu_gather *tlb)
{
	struct mmu_table_batch **batch = &tlb->batch;

	if (*batch) {
		tlb_table_invalidate(tlb);
		tlb_remove_table_free(*batch);
		*batch = NULL;
	}
}

void tlb_remove_table(struct mmu_gather *tlb, void *table)
{
	struct mmu_table_batch **batch = &tlb->batch;

	if (*batch == NULL) {
		*batch = (struct mmu_table_batch *)__get_free_page(GFP_NOWAIT | __GFP_NOWARN);
		if (*batch == NULL) {
			tlb_table_invalidate(tlb);
			tlb_remove_table_one(table);
			return;
		}
		(*batch)->nr = 0;
	}

	(*batch)->tables[(*batch)->nr++] = table;
	if ((*batch)->nr == 2)			/* MAX_TABLE_BATCH */
		tlb_table_flush(tlb);
}

void tlb_flush_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu_tlbonly(tlb);
	tlb_table_flush(tlb);			/* tlb_flush_mmu_free() */
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu(tlb);
}

/* arm64, HAVE_RCU_TABLE_FREE: tlb_remove_entry() is tlb_remove_table() */
void __pte_free_tlb(struct mmu_gather *tlb, pgtable_t pte, unsigned long addr)
{
	pgtable_pte_page_dtor(pte);
	tlb_remove_table(tlb, pte);
}

void free_pte_range(struct mmu_gather *tlb, pmd_t *pmd, unsigned long addr)
{
	pgtable_t token = pmd_pgtable(*pmd);

	pmd_clear(pmd);
	__pte_free_tlb(tlb, token, addr);	/* pte_free_tlb(tlb, token, addr) */
}

/* gup_fast_pte_range(), its page-table reads only */
void gup_fast_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr)
{
	pte_t *ptep;
	pte_t pte;

	ptep = pte_offset_kernel(&pmd, addr);	/* pte_offset_map(&pmd, addr), v6.4 */
	pte = ptep_get_lockless(ptep);
}

/* gup_fast_pmd_range(), one pmd */
void gup_fast_pmd_range(pmd_t *pmdp, unsigned long addr)
{
	pmd_t pmd = pmdp_get_lockless(pmdp);

	if (!pmd_present(pmd))
		return;
	gup_fast_pte_range(pmd, pmdp, addr);
}

P0(pmd_t *pmd0, pmd_t *pmd1, struct mmu_gather *tlb)
{
	/* free_pgtables() of the range mapped by pmd0 and pmd1 */
	free_pte_range(tlb, pmd0, 0);
	free_pte_range(tlb, pmd1, 0);
	tlb_finish_mmu(tlb);
}

P1(pmd_t *pmd0, pmd_t *pmd1)
{
	unsigned long flags;

	/* gup_fast() */
	local_irq_save(flags);
	gup_fast_pmd_range(pmd0, 0);
	gup_fast_pmd_range(pmd1, 0);
	local_irq_restore(flags);
}
