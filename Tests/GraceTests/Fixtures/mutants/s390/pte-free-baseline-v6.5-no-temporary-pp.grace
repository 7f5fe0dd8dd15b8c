C pte-free-baseline-v6.5-no-temporary-pp

(*
 * Mutant of Models/s390/pte-free-baseline-v6.5.grace (s390 2K fragments,
 * v6.5, PROTOCOLS.md 3.4) with the temporary PP bit of page_table_free()
 * removed, i.e. c2c224932fd0 "s390/mm: fix 2KB pgtable release race"
 * reverted: the first xor becomes
 *     mask = atomic_xor_bits(&page->_refcount, 0x01U << (bit + 24));
 * (was 0x11U: clear AA and set PP in one step) and the second one,
 *     mask = atomic_xor_bits(&page->_refcount, 0x10U << (bit + 24));
 *     mask >>= 24;
 * after spin_unlock_bh(), is gone.  It is the code of
 * Models/s390/page-table-free-single-step.grace (b-B1) inside the v6.5
 * model; that model carries the reasoning on the violation kind.
 *
 * Actors as in the model: P0, CPU0 task: munmap, page_table_free_rcu(
 * lower) + tlb_finish_mmu() (R: __tlb_remove_table() in softirq on CPU0,
 * or on the fallback path in task context after the IPI); P1, CPU1 task:
 * page_table_free(upper); P2, CPU2 task: page_table_alloc().
 *
 * Expected shortest failure (34 steps): P0 xor 0x11 -> 0x12 and
 * list_add_tail(pt); the batch page is not allocated, P0 flushes and sends
 * the IPI; P1 xor 0x02 -> 0x10 under the lock, so it will list_del();
 * P0's __tlb_remove_table() xor 0x10 -> 0x00 and __free_page(pt); P2,
 * which found pgtable_list empty earlier, gets pt from alloc_page(),
 * which resets its metadata; P1's list_del(&pt->lru): not on a list.
 * Invariants broken: S-I4 (no list operation on the page after its free),
 * S-I3.
 *
 * Expect: sc: violation list-corruption
 * Config: tlb_flush=broadcast rcu=consolidated
 *)

{
  struct mm_struct mm;
  struct page pt = { ._refcount = 0x03000001 };
  pmd_t pmd0 = pt;
  struct mmu_gather tlb = { .mm = &mm };
}

/* In the contents of the page from __get_free_page(). */
struct mmu_table_batch {
	struct rcu_head rcu;
	unsigned int nr;
	void *tables[1];			/* MAX_TABLE_BATCH = 1 */
};

struct mmu_gather {
	struct mm_struct *mm;
	struct mmu_table_batch *batch;
};

/* arch/s390/include/asm/tlbflush.h */
void __tlb_flush_mm_lazy(struct mm_struct *mm)
{
	spin_lock(&mm->context.lock);
	/* if (mm->context.flush_mm) { mm->context.flush_mm = 0; */
	flush_tlb_mm(mm);			/* __tlb_flush_mm(mm) */
	spin_unlock(&mm->context.lock);
}

/* arch/s390/include/asm/tlb.h */
void tlb_flush(struct mmu_gather *tlb)
{
	__tlb_flush_mm_lazy(tlb->mm);
}

/* dump_page(page, "Invalid pgtable %p release half 0x%02x mask 0x%02x") */
void page_table_release_check(struct page *page, unsigned int half, unsigned int mask)
{
	/* if (!IS_ENABLED(CONFIG_DEBUG_VM) || !mask) return; */
	VM_WARN_ON_ONCE(mask);
}

unsigned long *page_table_alloc(struct mm_struct *mm)
{
	unsigned long *table;
	struct page *page;
	unsigned int mask, bit;

	/* Try to get a fragment of a 4K page as a 2K page table */
	/* if (!mm_alloc_pgste(mm)) {: no PGSTE mm here */
	table = NULL;
	spin_lock_bh(&mm->context.lock);
	if (!list_empty(&mm->context.pgtable_list)) {
		page = list_first_entry(&mm->context.pgtable_list, struct page, lru);
		mask = atomic_read(&page->_refcount) >> 24;
		/*
		 * The pending removal bits must also be checked.
		 * Failure to do so might lead to an impossible
		 * value of (i.e 0x13 or 0x23) written to _refcount.
		 * Such values violate the assumption that pending and
		 * allocation bits are mutually exclusive, and the rest
		 * of the code unrails as result. That could lead to
		 * a whole bunch of races and corruptions.
		 */
		mask = (mask | (mask >> 4)) & 0x03U;
		if (mask != 0x03U) {
			table = (unsigned long *) page_to_virt(page);
			bit = mask & 1;		/* =1 -> second 2K */
			if (bit)
				table += PTRS_PER_PTE / 2;	/* kernel: PTRS_PER_PTE */
			/* the kernel drops the new value; the model checks S-I1 on it */
			mask = atomic_xor_bits(&page->_refcount, 0x01U << (bit + 24)) >> 24;
			assert((mask & (mask >> 4) & 0x03U) == 0);
			list_del(&page->lru);
		}
	}
	spin_unlock_bh(&mm->context.lock);
	if (table)
		return table;
	/* Allocate a fresh page */
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return NULL;
	if (!pgtable_pte_page_ctor(page)) {
		__free_page(page);
		return NULL;
	}
	/* arch_set_page_dat(page, 0); */
	/* Initialize page table */
	table = (unsigned long *) page_to_virt(page);
	/* Return the first 2K fragment of the page */
	atomic_xor_bits(&page->_refcount, 0x01U << 24);
	/* memset64((u64 *)table, _PAGE_INVALID, 2 * PTRS_PER_PTE): Grace pages come zeroed */
	spin_lock_bh(&mm->context.lock);
	list_add(&page->lru, &mm->context.pgtable_list);
	spin_unlock_bh(&mm->context.lock);
	return table;
}

void page_table_free(struct mm_struct *mm, unsigned long *table)
{
	unsigned int mask, bit, half;
	struct page *page;

	page = virt_to_page(table);
	/* if (!mm_alloc_pgste(mm)) { */
	/* Free 2K page table fragment of a 4K page */
	bit = (table - (unsigned long *) page_to_virt(page)) / (PTRS_PER_PTE / 2);
	spin_lock_bh(&mm->context.lock);
	/*
	 * Mark the page for delayed release. The actual release
	 * will happen outside of the critical section from this
	 * function or from __tlb_remove_table()
	 */
	mask = atomic_xor_bits(&page->_refcount, 0x01U << (bit + 24));
	mask >>= 24;
	if (mask & 0x03U)
		list_add(&page->lru, &mm->context.pgtable_list);
	else
		list_del(&page->lru);
	spin_unlock_bh(&mm->context.lock);
	if (mask != 0x00U)
		return;
	half = 0x01U << bit;

	page_table_release_check(page, half, mask);
	pgtable_pte_page_dtor(page);
	__free_page(page);
}

void __tlb_remove_table(void *_table)
{
	unsigned int mask = (unsigned long) _table & 0x03U, half = mask;
	struct page *page = (struct page *) ((unsigned long) _table ^ mask);	/* virt_to_page(table) */

	/* switch (half): only case 0x01U (lower 2K) and 0x02U (upper 2K) here */
	mask = atomic_xor_bits(&page->_refcount, mask << (4 + 24));
	mask >>= 24;
	if (mask != 0x00U)
		return;

	page_table_release_check(page, half, mask);
	pgtable_pte_page_dtor(page);
	__free_page(page);
}

void page_table_free_rcu(struct mmu_gather *tlb, unsigned long *table, unsigned long vmaddr)
{
	struct mm_struct *mm;
	struct page *page;
	unsigned int bit, mask;

	mm = tlb->mm;
	page = virt_to_page(table);
	/* if (mm_alloc_pgste(mm)) { gmap_unlink(...); ... return; }: no PGSTE */
	bit = (table - (unsigned long *) page_to_virt(page)) / (PTRS_PER_PTE / 2);
	spin_lock_bh(&mm->context.lock);
	/*
	 * Mark the page for delayed release. The actual release will happen
	 * outside of the critical section from __tlb_remove_table() or from
	 * page_table_free()
	 */
	mask = atomic_xor_bits(&page->_refcount, 0x11U << (bit + 24));
	mask >>= 24;
	if (mask & 0x03U)
		list_add_tail(&page->lru, &mm->context.pgtable_list);
	else
		list_del(&page->lru);
	spin_unlock_bh(&mm->context.lock);
	/* table = (unsigned long *) ((unsigned long) table | (0x01U << bit)); */
	tlb_remove_table(tlb, (void *) ((unsigned long) page | (0x01U << bit)));
}

/* mm/mmu_gather.c */
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
	struct mmu_table_batch *batch = container_of(head, struct mmu_table_batch, rcu);
	int i;

	/* __tlb_remove_table_free(batch) */
	for (i = 0; i < batch->nr; i++)
		__tlb_remove_table(batch->tables[i]);
	free_page((unsigned long)batch);
}

void tlb_table_invalidate(struct mmu_gather *tlb)
{
	/* tlb_needs_table_invalidate() is true on s390 (the generic default) */
	tlb_flush(tlb);				/* tlb_flush_mmu_tlbonly(tlb) */
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
		call_rcu(&(*batch)->rcu, tlb_remove_table_rcu);	/* tlb_remove_table_free() */
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

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	/*
	 * tlb_flush_mmu(): tlb_flush_mmu_tlbonly() returns early, the range
	 * having been flushed and reset by tlb_table_invalidate(); then
	 * tlb_flush_mmu_free() -> tlb_table_flush().
	 */
	tlb_table_flush(tlb);
}

P0(pmd_t *pmd0, struct mmu_gather *tlb)
{
	unsigned long *token;

	/* free_pte_range(): token = pmd_pgtable(*pmd), the lower 2K table */
	token = (unsigned long *) page_to_virt(pmd_page(*pmd0));
	pmd_clear(pmd0);
	page_table_free_rcu(tlb, token, 0);	/* pte_free_tlb(tlb, token, addr) */

	tlb_finish_mmu(tlb);
}

P1(struct page *pt, struct mm_struct *mm)
{
	unsigned long *new;

	/* __pte_alloc(): new = pte_alloc_one(mm) gave the upper 2K of pt; pmd already populated */
	new = (unsigned long *) page_to_virt(pt) + PTRS_PER_PTE / 2;
	page_table_free(mm, new);		/* pte_free(mm, new) */
}

P2(struct mm_struct *mm)
{
	unsigned long *new;

	new = page_table_alloc(mm);		/* pte_alloc_one(mm) */
}
