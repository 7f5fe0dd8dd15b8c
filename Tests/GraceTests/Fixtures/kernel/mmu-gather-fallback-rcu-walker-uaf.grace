C mmu-gather-fallback-rcu-walker-uaf

(*
 * Kernel execution model fixture: the IPI fallback of the mmu_gather
 * "semi RCU" table free (PROTOCOLS.md 1.3) is not a grace period.  Same
 * munmap as mmu-gather-batch-fallback.grace, but the walker is a
 * preemptible pte_offset_map() user: an rcu_read_lock() reader with IRQs
 * on.  When __get_free_page(GFP_NOWAIT) fails, tlb_remove_table_one()
 * sends the sync IPI, which the walker's CPU takes at once inside its
 * reader, and frees the table immediately: the walker then reads a pte of
 * the freed table.  The batch path (call_rcu) would wait for the reader,
 * so the shortest counterexample must go through the failed allocation and
 * the IPI, which the trace shows.  This is why x86 moved to "free page
 * table pages by RCU instead of semi RCU" (Qi Zheng, Dec 2024) and why Hugh
 * wrote that page_table_free_rcu() "does not actually guarantee" an RCU
 * delay.
 *
 * Source: torvalds/linux mm/mmu_gather.c @ 06d074298583 (the comment on
 * tlb_remove_table_sync_one: "This isn't an RCU grace period").
 *
 * Actors: P0, CPU0 task: munmap (free_pte_range, tlb_finish_mmu).
 *   P1, CPU1 task: pte_offset_map() walker (rcu_read_lock, IRQs on).
 *   tlb_remove_table_smp_sync(): IPI handler on CPU1.
 *
 * Expect: sc: violation use-after-free
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
	pte_t *ptep;
	pte_t pte;

	ptep = pte_offset_map(pmd0, 0);		/* rcu_read_lock(); pmdp_get_lockless() */
	if (ptep) {
		pte = ptep_get_lockless(ptep);
		pte_unmap(ptep);		/* rcu_read_unlock() */
	}
}
