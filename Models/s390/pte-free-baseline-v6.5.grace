C pte-free-baseline-v6.5

(*
 * s390 2K page-table fragments, baseline v6.5: two 2K PTE tables share one
 * 4K page, tracked by the upper byte of page->_refcount (PROTOCOLS.md 3.4,
 * variant b-C0).
 *
 * Source: arch/s390/mm/pgalloc.c as of v6.4/v6.5, after
 * c2c224932fd0 "s390/mm: fix 2KB pgtable release race" (Alexander
 * Gordeev) and before pte_free_defer() (PROTOCOLS.md S11, S12; the code
 * equals the context of "[PATCH v2 07/12] s390: add pte_free_defer() for
 * pgtables sharing page", Hugh Dickins, 2023-06-20).  mmu_gather:
 * mm/mmu_gather.c @ 06d074298583 (tlb_remove_table() and friends, 1.3);
 * s390 tlb_flush() is __tlb_flush_mm_lazy(), which takes mm->context.lock
 * with plain spin_lock() (arch/s390/include/asm/tlbflush.h).
 *
 * Tracking byte (mask = atomic_read(&page->_refcount) >> 24): 0x01/0x02
 * AA, lower/upper half allocated; 0x10/0x20 PP, lower/upper half pending
 * free.  The init block gives pt _refcount 0x03000001: the page reference
 * plus AA = 0x03, both halves allocated, so pt is off pgtable_list.
 *
 * Objects: one page pt = the two 2K tables.  Grace pages have page_words
 * = 4 cells (= PTRS_PER_PTE in Grace), so the lower table is cells 0-1
 * and the upper cells 2-3: where the kernel adds PTRS_PER_PTE (one 2K
 * table) the model adds PTRS_PER_PTE / 2.  pmd0 maps the lower table.
 * __tlb_remove_table() gets the half in the low bits of its argument; the
 * kernel tags the 2K-aligned table address, but Grace's page_address()
 * values are not 4-aligned, so the model tags the struct page pointer
 * (what virt_to_page(table) gives back) instead.
 * Grace prints the tagged values pt|1 and pt|2 as &pt._refcount and
 * &pt._mapcount (the cells at those offsets of struct page).
 *
 * Actors:
 *   P0, CPU0 task: munmap of the range mapped by pmd0: free_pte_range()
 *       (pmd_clear(), pte_free_tlb() = page_table_free_rcu(lower)), then
 *       tlb_finish_mmu().  tlb_remove_table() allocates its batch page
 *       with GFP_NOWAIT, which may fail: either the batch is queued with
 *       call_rcu() and tlb_remove_table_rcu() runs in softirq on CPU0
 *       (actor R), or the fallback sends the IPI and calls
 *       __tlb_remove_table() at once in task context.  MAX_TABLE_BATCH is
 *       1 (page_words = 4 leaves room for one table pointer).
 *   P1, CPU1 task: __pte_alloc() that lost the race to populate its pmd:
 *       pte_free(mm, new) = page_table_free(mm, upper) (actor F).
 *   P2, CPU2 task: page_table_alloc(mm) for a new pte table (actor A);
 *       it can be handed a half of pt from pgtable_list, or a fresh page,
 *       or pt itself back from the allocator once pt has been freed.
 *   No walker: the protection of IRQ-off walkers by the semi-RCU free is
 *   the generic mmu_gather protocol (1.3, its own models); with a GUP-fast
 *   walker on a fourth CPU this model takes 110k states and 10 s, against
 *   17k states and 1 s without, and passes as well.
 *
 * Invariants: S-I1, no half is both allocated and pending
 * (page_table_alloc() asserts it on the value its xor leaves: a model
 * check, v6.5 has no kernel check of its own, only the comment below);
 * S-I3, list_del() only of a linked node and list_add() only of an
 * unlinked one (list-corruption); S-I4, pt freed once (double-free) and only with the
 * whole byte zero (page_table_release_check(), dump_page() in the kernel,
 * here a VM_WARN_ON_ONCE).  S-I4's "no list operation touches P after
 * the free" is seen by Grace only once the freed page is handed out
 * again (see page-table-free-single-step.grace); here A can be handed
 * pt back.  Every run must end: no lock or IPI wait can hang.
 *
 * s390 invalidates TLBs by broadcast (IPTE/IDTE): the flush waits for
 * nobody.
 *
 * Expect: sc: pass
 * Expect: tso: pass
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
	mask = atomic_xor_bits(&page->_refcount, 0x11U << (bit + 24));
	mask >>= 24;
	if (mask & 0x03U)
		list_add(&page->lru, &mm->context.pgtable_list);
	else
		list_del(&page->lru);
	spin_unlock_bh(&mm->context.lock);
	mask = atomic_xor_bits(&page->_refcount, 0x10U << (bit + 24));
	mask >>= 24;
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
