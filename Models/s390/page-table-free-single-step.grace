C page-table-free-single-step

(*
 * s390 2K page-table fragments before c2c224932fd0: page_table_free()
 * clears its AA bit in one step, with no temporary PP bit (PROTOCOLS.md
 * 3.9, variant b-B1).
 *
 * Source: c2c224932fd0 "s390/mm: fix 2KB pgtable release race" (Alexander
 * Gordeev; Suggested-by Vlastimil Babka; Reviewed-by Gerald Schaefer),
 * text and diff as in "[PATCH 5.16 0857/1039] s390/mm: fix 2KB pgtable
 * release race", 2022-01-24 (PROTOCOLS.md S12).  The model is the code the
 * fix applies to: page_table_free() does
 *     mask = atomic_xor_bits(&page->_refcount, 1U << (bit + 24));
 * takes the list step, unlocks, and frees the page if mask == 0;
 * page_table_free_rcu(), __tlb_remove_table() and page_table_alloc() are
 * those of the same era (the same as v6.5 but for the PP dance, the
 * release check and the literal spellings).  mmu_gather: mm/mmu_gather.c
 * @ 06d074298583 (PROTOCOLS.md 1.3); s390 tlb_flush() is
 * __tlb_flush_mm_lazy() under plain spin_lock(&mm->context.lock).
 *
 * Tracking byte (mask = atomic_read(&page->_refcount) >> 24): 0x01/0x02
 * AA, lower/upper allocated; 0x10/0x20 PP, lower/upper pending free.  pt
 * starts at 0x03 (_refcount 0x03000001), off pgtable_list.  A Grace page
 * has PTRS_PER_PTE = page_words = 4 cells: the lower 2K table is cells
 * 0-1 (mapped by pmd0), the upper cells 2-3; the half rides in the low
 * bits of the struct page pointer given to tlb_remove_table().
 * Grace prints the tagged values pt|1 and pt|2 as &pt._refcount and
 * &pt._mapcount (the cells at those offsets of struct page).
 *
 * Actors:
 *   P0, CPU0 task: munmap of pmd0's range (actor U): pmd_clear(),
 *       page_table_free_rcu(lower) -> tlb_remove_table(); the batch page
 *       (GFP_NOWAIT) may not come, then the fallback IPI and
 *       __tlb_remove_table() at once in task context, else call_rcu() and
 *       __tlb_remove_table() from tlb_remove_table_rcu() in softirq on
 *       CPU0 (actor R).  MAX_TABLE_BATCH = 1.
 *   P1, CPU1 task: __pte_alloc() that lost its race: pte_free(mm, new) =
 *       page_table_free(mm, upper) (actor F).
 *   P2, CPU2 task: page_table_alloc(mm) (actor A), another pte table of
 *       the same mm; the allocator may hand it pt once pt is freed.
 *
 * The race of the commit: 0x03; U frees the lower half, 0x12, and
 * list_add_tail()s pt; R begins __tlb_remove_table(T|1); F, under the
 * lock, xors its AA bit off: 0x10, so it is about to list_del(); R xors
 * PP off: 0x00, and __free_page(pt); F's list_del(&pt->lru) runs on a
 * freed page.
 *
 * Which violation Grace reports.  struct page metadata is never freed,
 * in the kernel as in Grace (SPEC 2.3: freeing invalidates the page's
 * contents only), so F's list_del() of pt->lru right after __free_page(pt)
 * is not a use-after-free.  The damage lands on whoever owns page->lru
 * next: __free_page() links the page on a buddy free list through
 * page->buddy_list, which overlays lru, and F's list_del() then drops the
 * page from the free list or, once the page is allocated again, writes
 * LIST_POISON over its new owner's list_head.  It is list corruption, as
 * the commit says ("a corruption as result of remove of list item in
 * page_table_free() concurrently with __free_page()"), and Grace reports
 * it at the free: pt is freed while pt->lru is still on pgtable_list.  A
 * is not needed for that; it stays as the user of the list the corruption
 * would reach.
 *
 * Shortest trace found by Grace (23 steps): the PROTOCOLS.md interleaving
 * with R run by U itself on the fallback path (batch allocation failed,
 * IPI sent, __tlb_remove_table() in task context): U xor 0x11 -> 0x12
 * and list_add_tail(); F xor 0x02 -> 0x10 (mask & 3 == 0: list_del()
 * next); U's __tlb_remove_table() xor 0x10 -> 0x00 and __free_page(pt)
 * while pt->lru is on pgtable_list.  The batch path, with R in softirq on
 * CPU0 as in the commit's picture, gives the same race in a longer trace.
 *
 * Invariant broken: S-I4, the page is freed only once it is off the list,
 * and no list operation touches it after the free.
 * Expect: sc: violation list-corruption
 * Expect: tso: violation list-corruption
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
		mask = (mask | (mask >> 4)) & 3;
		if (mask != 3) {
			table = (unsigned long *) page_to_virt(page);
			bit = mask & 1;		/* =1 -> second 2K */
			if (bit)
				table += PTRS_PER_PTE / 2;	/* kernel: PTRS_PER_PTE */
			atomic_xor_bits(&page->_refcount, 1U << (bit + 24));
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
	atomic_xor_bits(&page->_refcount, 1U << 24);
	/* memset64((u64 *)table, _PAGE_INVALID, 2 * PTRS_PER_PTE): Grace pages come zeroed */
	spin_lock_bh(&mm->context.lock);
	list_add(&page->lru, &mm->context.pgtable_list);
	spin_unlock_bh(&mm->context.lock);
	return table;
}

void page_table_free(struct mm_struct *mm, unsigned long *table)
{
	unsigned int mask, bit;
	struct page *page;

	page = virt_to_page(table);
	/* if (!mm_alloc_pgste(mm)) { */
	/* Free 2K page table fragment of a 4K page */
	bit = (table - (unsigned long *) page_to_virt(page)) / (PTRS_PER_PTE / 2);
	spin_lock_bh(&mm->context.lock);
	mask = atomic_xor_bits(&page->_refcount, 1U << (bit + 24));
	mask >>= 24;
	if (mask & 3)
		list_add(&page->lru, &mm->context.pgtable_list);
	else
		list_del(&page->lru);
	spin_unlock_bh(&mm->context.lock);
	if (mask != 0)
		return;

	pgtable_pte_page_dtor(page);
	__free_page(page);
}

void __tlb_remove_table(void *_table)
{
	unsigned int mask = (unsigned long) _table & 3;
	struct page *page = (struct page *) ((unsigned long) _table ^ mask);	/* virt_to_page(table) */

	/* switch (mask): only case 1 (lower 2KB) and case 2 (higher 2KB) here */
	mask = atomic_xor_bits(&page->_refcount, mask << (4 + 24));
	mask >>= 24;
	if (mask != 0)
		return;				/* break */
	/* fallthrough to case 3: (mask & 3) == 0, no xor */
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
	mask = atomic_xor_bits(&page->_refcount, 0x11U << (bit + 24));
	mask >>= 24;
	if (mask & 3)
		list_add_tail(&page->lru, &mm->context.pgtable_list);
	else
		list_del(&page->lru);
	spin_unlock_bh(&mm->context.lock);
	/* table = (unsigned long *) ((unsigned long) table | (1U << bit)); */
	tlb_remove_table(tlb, (void *) ((unsigned long) page | (1U << bit)));
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
