C mmu-gather-semi-rcu-no-ipi

(*
 * Mutant of Models/litmus/mmu-gather-semi-rcu.grace (the mmu_gather "semi
 * RCU" table free of PROTOCOLS.md 1.3, mm/mmu_gather.c @ 06d074298583)
 * with the IPI of the fallback path removed: tlb_remove_table_sync_one()
 * no longer calls
 *     smp_call_function(tlb_remove_table_smp_sync, NULL, 1);
 * so when the batch page cannot be allocated, tlb_remove_table_one() frees
 * the table at once, without waiting for IRQ-disabled walkers.
 *
 * Actors as in the model: P0, CPU0 task: munmap (free_pte_range() on pmd0
 * and pmd1, tlb_finish_mmu()); P1, CPU1 task: GUP-fast with IRQs off over
 * pmd0 and pmd1; tlb_remove_table_rcu() in softirq on CPU0.
 *
 * Expected shortest failure: P1 disables IRQs and reads pmd0 -> pt0; P0
 * clears pmd0, __get_free_page(GFP_NOWAIT) fails, tlb_table_invalidate()
 * (broadcast, waits for nobody), __tlb_remove_table() frees pt0; P1 reads
 * a pte of pt0.  Invariant broken: C-I1.
 *
 * Expect: sc: violation use-after-free
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
	/* REMOVED: smp_call_function(tlb_remove_table_smp_sync, NULL, 1); */
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
