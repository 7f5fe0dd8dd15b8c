C mmu-gather-batch-fallback

(*
 * Kernel execution model fixture: the mmu_gather "semi RCU" table free of
 * PROTOCOLS.md 1.3 against an IRQ-off GUP-fast walker, on an arch whose TLB
 * flush is a broadcast that waits for nobody (arm64), so that only the
 * table-freeing scheme protects the walker.
 *
 * Source: torvalds/linux mm/mmu_gather.c @ 06d074298583 (tlb_remove_table,
 * tlb_remove_table_one, tlb_remove_table_sync_one, tlb_table_flush,
 * tlb_remove_table_rcu, __tlb_remove_table_free, tlb_flush_mmu,
 * tlb_finish_mmu); tlb_table_invalidate() on batch allocation failure from
 * "mm/mmu_gather: invalidate TLB correctly on batch allocation failure and
 * flush", Peter Zijlstra / Aneesh Kumar K.V., 2020-02-03; arm64
 * __pte_free_tlb() and __tlb_remove_table() from "[PATCH V3 5/6] arm64: mm:
 * Enable HAVE_RCU_TABLE_FREE logic", Steve Capper, 2014-08-28.  The walker
 * follows mainline gup_fast() / gup_fast_pte_range().
 *
 * Actors:
 *   P0, CPU0 task: munmap: free_pte_range() (pmd_clear(pmd0),
 *       pte_free_tlb() -> tlb_remove_table()), then tlb_finish_mmu().
 *       tlb_remove_table() allocates the batch page with
 *       __get_free_page(GFP_NOWAIT | __GFP_NOWARN), which may fail:
 *       - success: the table goes into the batch, which is then full, so
 *         tlb_table_flush() flushes the TLB (tlb_table_invalidate()) and
 *         queues the batch with call_rcu(tlb_remove_table_rcu);
 *       - failure: tlb_table_invalidate() flushes, then
 *         tlb_remove_table_one() = smp_call_function(
 *         tlb_remove_table_smp_sync, NULL, 1) and an immediate
 *         __tlb_remove_table(); no grace period.
 *   P1, CPU1 task: GUP-fast: local_irq_save(), pmdp_get_lockless(pmd0), and
 *       if present ptep_get_lockless() of a pte of the table it names,
 *       local_irq_restore().  As in gup-fast-ipi-pass.grace the pte address
 *       comes from the pmd value (Grace takes no address of a local pmd
 *       copy), without pte_offset_map()'s nested rcu_read_lock(), so only
 *       the IRQ-off section protects the walk.
 *   tlb_remove_table_rcu(): RCU callback, softirq on CPU0.
 *   tlb_remove_table_smp_sync(): IPI handler on CPU1.
 *
 * Model simplifications: struct mmu_gather keeps only its table batch and,
 * being shared state for Grace, lives in the init block rather than on
 * munmap's stack; tlb_gather_mmu() is the init block's NULL batch.  The
 * batch page's contents hold struct mmu_table_batch: with page_words = 4
 * cells (an rcu_head is 2) there is room for one table pointer, so
 * MAX_TABLE_BATCH is 1 and tlb_remove_table() flushes the batch at once.
 *
 * Why it passes: a walker that saw pmd0 -> pt disabled IRQs before
 * pmd_clear().  On the batch path the grace period of call_rcu() waits for
 * its local_irq_restore() (rcu=consolidated: an IRQ-off region is a
 * reader); on the fallback path smp_call_function() waits until CPU1 takes
 * the IPI, which it can only do with IRQs on.  Either way pt is freed after
 * the walker is done with it; a walker that starts later finds pmd0 empty.
 *
 * Invariants: C-I1, no table is freed while a GUP-fast walker that may hold
 * a pointer to it is inside its IRQ-off section; C-I5, the fallback frees
 * in bounded time (every run ends).
 *
 * Expect: sc: pass
 * Config: tlb_flush=broadcast rcu=consolidated
 *)

{
  struct page pt;
  pmd_t pmd0 = pt;
  struct mmu_gather tlb;
}

/* In the contents of the page from __get_free_page(). */
struct mmu_table_batch {
	struct rcu_head rcu;
	unsigned int nr;
	void *tables[1];			/* MAX_TABLE_BATCH = 1 */
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
	/* tlb_needs_table_invalidate() is true on arm64 */
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
	if ((*batch)->nr == 1)			/* MAX_TABLE_BATCH */
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

/* The address of the table a pmd value points to (x86 and arm64 spell it
 * so); pte_offset_kernel(&pmd, addr) adds pte_index(addr), 0 here. */
unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)page_address(pmd_page(pmd));
}

P0(pmd_t *pmd0, struct mmu_gather *tlb)
{
	pgtable_t token;

	/* free_pte_range() */
	token = pmd_pgtable(*pmd0);
	pmd_clear(pmd0);
	__pte_free_tlb(tlb, token, 0);		/* pte_free_tlb(tlb, token, addr) */

	tlb_finish_mmu(tlb);
}

P1(pmd_t *pmd0)
{
	unsigned long flags;
	pmd_t pmd;
	pte_t *ptep;
	pte_t pte;

	/* gup_fast() */
	local_irq_save(flags);
	pmd = pmdp_get_lockless(pmd0);		/* gup_fast_pmd_range() */
	if (pmd_present(pmd)) {
		/* gup_fast_pte_range(): ptep = pte_offset_map(&pmd, addr) */
		ptep = (pte_t *)pmd_page_vaddr(pmd);
		pte = ptep_get_lockless(ptep);
	}
	local_irq_restore(flags);
}
