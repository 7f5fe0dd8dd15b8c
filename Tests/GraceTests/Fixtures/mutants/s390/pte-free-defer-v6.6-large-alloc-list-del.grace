C pte-free-defer-v6.6-large-alloc-list-del

(*
 * Mutant of Models/s390/pte-free-defer-v6.6-large.grace (s390
 * pte_free_defer(), mainline 8211dad62798, PROTOCOLS.md 3.5: "Every
 * list_del becomes list_del_init, and that includes the one in
 * page_table_alloc") with page_table_alloc()'s list_del_init() turned back
 * into the baseline's
 *     list_del(&page->lru);
 * so a page taken off pgtable_list is left poisoned.
 *
 * Actors as in the model: P0, CPU0 task: khugepaged retract of pmd0 and
 * pte_free_defer(lower); P1, CPU1 task: munmap of pmd1,
 * page_table_free_rcu(upper), tlb_finish_mmu(); P2, CPU2 task: RCU
 * walker of pmd0; P3, CPU3 task: page_table_alloc().
 *
 * Expected shortest failure (49 steps), the race of the model's comment
 * in which A reuses a half of a PageActive page: P1 frees the upper half
 * (0x21, list_add_tail(pt)), no batch page, IPI; P0 collapses pmd0 and
 * SetPageActive(); P1's __tlb_remove_table() clears the upper PP (0x01);
 * P3 takes the upper half of pt (0x03) and list_del()s it: poisoned; P0's
 * page_table_free(lower): 0x12 with PageActive, so list_del_init() of a
 * poisoned node.  Invariant broken: S-I3.
 *
 * Expect: sc: violation list-corruption
 * Config: tlb_flush=broadcast rcu=consolidated
 *)

{
  struct mm_struct mm;
  struct page pt = { ._refcount = 0x03000001, .lru = { &pt.lru, &pt.lru } };
  pmd_t pmd0 = pt;
  pmd_t pmd1 = pt;
  struct mmu_gather tlb = { .mm = &mm };
  spinlock_t pml;
  spinlock_t ptl;
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
	/* if (!IS_ENABLED(CONFIG_DEBUG_VM)) return; */
	/* if (!mask && list_empty(&page->lru)) return; */
	VM_WARN_ON_ONCE(mask || !list_empty(&page->lru));
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
			/* S-I5 (model check): never K's deferred lower half while PG_active */
			assert(!(PageActive(page) && bit == 0));
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

void pte_free_now(struct rcu_head *head)
{
	struct page *page;

	page = container_of(head, struct page, rcu_head);
	pgtable_pte_page_dtor(page);
	__free_page(page);
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
	if ((mask & 0x03U) && !PageActive(page)) {
		/*
		 * Other half is allocated, and neither half has had
		 * its free deferred: add page to head of list, to make
		 * this freed half available for immediate reuse.
		 */
		list_add(&page->lru, &mm->context.pgtable_list);
	} else {
		/* If page is on list, now remove it. */
		list_del_init(&page->lru);
	}
	spin_unlock_bh(&mm->context.lock);
	mask = atomic_xor_bits(&page->_refcount, 0x10U << (bit + 24));
	mask >>= 24;
	if (mask != 0x00U)
		return;
	half = 0x01U << bit;

	page_table_release_check(page, half, mask);
	if (TestClearPageActive(page))
		call_rcu(&page->rcu_head, pte_free_now);
	else
		pte_free_now(&page->rcu_head);
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
	if ((mask & 0x03U) && !PageActive(page)) {
		/*
		 * Other half is allocated, and neither half has had
		 * its free deferred: add page to end of list, to make
		 * this freed half available for reuse once its pending
		 * bit has been cleared by __tlb_remove_table().
		 */
		list_add_tail(&page->lru, &mm->context.pgtable_list);
	} else {
		/* If page is on list, now remove it. */
		list_del_init(&page->lru);
	}
	spin_unlock_bh(&mm->context.lock);
	/* table = (unsigned long *) ((unsigned long) table | (0x01U << bit)); */
	tlb_remove_table(tlb, (void *) ((unsigned long) page | (0x01U << bit)));
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
	if (TestClearPageActive(page))
		call_rcu(&page->rcu_head, pte_free_now);
	else
		pte_free_now(&page->rcu_head);
}

/* pgtable_t is pte_t * on s390 */
void pte_free_defer(struct mm_struct *mm, unsigned long *pgtable)
{
	struct page *page;

	page = virt_to_page(pgtable);
	SetPageActive(page);
	page_table_free(mm, pgtable);
	/*
	 * page_table_free() does not do the pgste gmap_unlink() which
	 * page_table_free_rcu() does: warn us if pgste ever reaches here.
	 */
	/* WARN_ON_ONCE(mm_alloc_pgste(mm)): no PGSTE mm here */
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


P0(pmd_t *pmd0, struct mm_struct *mm, spinlock_t *pml, spinlock_t *ptl)
{
	pmd_t pgt_pmd;

	/* retract_page_tables(), the vma mapped by pmd0 */
	spin_lock(pml);				/* pml = pmd_lock(mm, pmd) */
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);	/* ptl = pte_lockptr(mm, pmd) */
	pgt_pmd = pmdp_collapse_flush(NULL, 0, pmd0);
	spin_unlock(ptl);
	spin_unlock(pml);
	/* pte_free_defer(mm, pmd_pgtable(pgt_pmd)): the lower 2K table */
	pte_free_defer(mm, (unsigned long *) page_to_virt(pmd_page(pgt_pmd)));
}

P1(pmd_t *pmd1, struct mmu_gather *tlb)
{
	unsigned long *token;

	/* free_pte_range(): token = pmd_pgtable(*pmd), the upper 2K table */
	token = (unsigned long *) page_to_virt(pmd_page(*pmd1)) + PTRS_PER_PTE / 2;
	pmd_clear(pmd1);
	page_table_free_rcu(tlb, token, 0);	/* pte_free_tlb(tlb, token, addr) */

	tlb_finish_mmu(tlb);
}

P2(pmd_t *pmd0)
{
	pte_t *pte;
	pte_t ptent;

	pte = pte_offset_map(pmd0, 0);		/* rcu_read_lock(); pmdp_get_lockless(pmd0) */
	if (!pte)				/* pmd0 empty: rcu_read_unlock() done */
		return;
	ptent = ptep_get(pte);
	pte_unmap(pte);				/* rcu_read_unlock() */
}

P3(struct mm_struct *mm)
{
	unsigned long *new;

	new = page_table_alloc(mm);		/* pte_alloc_one(mm) */
}
