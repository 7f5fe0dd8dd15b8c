C page-table-alloc-ignores-pp

(*
 * s390 2K page-table fragments: page_table_alloc() that looks only at the
 * AA bits of the first listed page and ignores its PP bits (PROTOCOLS.md
 * 3.9, variant b-B1') [synthetic].
 *
 * Source: the comment in v6.5 page_table_alloc() (PROTOCOLS.md S11):
 * "The pending removal bits must also be checked.  Failure to do so
 * might lead to an impossible value of (i.e 0x13 or 0x23) written to
 * _refcount.  Such values violate the assumption that pending and
 * allocation bits are mutually exclusive, and the rest of the code
 * unrails as result."  The model is pte-free-baseline-v6.5.grace with
 * that check, mask = (mask | (mask >> 4)) & 0x03U, replaced by
 * mask &= 0x03U, and without its page_table_free() thread.  No fixing
 * commit was identified, and none is expected: the check is already in
 * the v4.x code that tracked halves in _mapcount (torvalds/linux
 * arch/s390/mm/pgalloc.c @ 3beed9bf1e3d, "mask = (mask | (mask >> 4)) &
 * 3;"), so the variant is a revert made up to exercise S-I1 and S-I5,
 * not a kernel bug.
 *
 * Tracking byte (mask = atomic_read(&page->_refcount) >> 24): 0x01/0x02
 * AA, lower/upper allocated; 0x10/0x20 PP, lower/upper pending free.  pt
 * starts at 0x03, off pgtable_list.  Lower 2K table = cells 0-1 of pt,
 * mapped by pmd0 (PTRS_PER_PTE = page_words = 4 in Grace, so the model
 * adds PTRS_PER_PTE / 2 where the kernel adds PTRS_PER_PTE); the half
 * rides in the low bits of the struct page pointer handed to
 * tlb_remove_table().
 * Grace prints the tagged values pt|1 and pt|2 as &pt._refcount and
 * &pt._mapcount (the cells at those offsets of struct page).
 *
 * Actors:
 *   P0, CPU0 task: munmap of pmd0's range (actor U): pmd_clear(),
 *       page_table_free_rcu(lower), tlb_finish_mmu(); __tlb_remove_table()
 *       runs from tlb_remove_table_rcu() in softirq on CPU0 after a grace
 *       period (actor R), or, if the GFP_NOWAIT batch page is not
 *       allocated, from the fallback after the IPI.  MAX_TABLE_BATCH = 1.
 *   P1, CPU1 task: page_table_alloc(mm) for a new pte table (actor A).
 *
 * S-I1 as a check: v6.5 has none of its own (its page_table_release_check()
 * looks at the byte only at release; v2's WARN_ON_ONCE(mask & ~0x03U) in
 * page_table_alloc() belongs to v2's different list rule, under which a
 * listed page has no PP bit at all, while in v6.5 page_table_free_rcu()
 * lists a page whose freed half is still pending).  So the model asserts,
 * right after page_table_alloc()'s xor, that no half has both its AA and
 * its PP bit: assert((mask & (mask >> 4) & 0x03U) == 0) on the new byte
 * (the kernel drops the value atomic_xor_bits() returns).
 *
 * Shortest failure (12 steps), as in PROTOCOLS.md: U frees the lower
 * half, 0x03 -> 0x12, list_add_tail(pt); A finds pt first on the list,
 * its mask & 0x03 = 0x02, so bit = 0: it hands out the lower half, whose
 * walkers have not been waited for, and xors 0x01 in: 0x13, the
 * impossible value (S-I1; S-I5, no reuse while PP is set).  Afterwards
 * R's xor of 0x10 happens to leave 0x03; but had A's table been freed
 * again first (0x13 ^ 0x11 = 0x02), R's xor would set the PP bit instead
 * of clearing it (0x12) and pt could never be released: "the rest of
 * the code unrails".
 * Expect: sc: violation assertion
 * Expect: tso: violation assertion
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
		/* BUG: the pending removal (PP) bits are not checked */
		mask &= 0x03U;
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

P1(struct mm_struct *mm)
{
	unsigned long *new;

	new = page_table_alloc(mm);		/* pte_alloc_one(mm) */
}
