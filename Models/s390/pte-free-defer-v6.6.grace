C pte-free-defer-v6.6

(*
 * s390 2K page-table fragments with pte_free_defer(), final form merged in
 * v6.6 (PROTOCOLS.md 3.5, variant b-C1).
 *
 * Source: mainline 8211dad62798 "s390: add pte_free_defer() for pgtables
 * sharing page" (Hugh Dickins, Reviewed-by Gerald Schaefer), posted as
 * "[PATCH v3 07/13] s390: add pte_free_defer() for pgtables sharing page",
 * 2023-07-11 (94eccf5f-264c-8abe-4567-e77f4b4e14a@google.com),
 * following Hugh's "Re: [PATCH v2 07/12] ...", 2023-07-01 (PageActive +
 * list_del_init, HH bits dropped) (PROTOCOLS.md S19, S21, S22).  v6.7 spells the same code with ptdesc; the model keeps struct
 * page.  The caller is retract_page_tables() as of 1d65b771bc08
 * "mm/khugepaged: retract_page_tables() without mmap or vma lock"; the
 * walker is a pte_offset_map() user of "[PATCH 01/12] mm/pgtable: add
 * rcu_read_lock() and rcu_read_unlock()s" (Hugh Dickins, 2023-05-28).
 * mmu_gather: mm/mmu_gather.c @ 06d074298583 (1.3); s390 tlb_flush() is
 * __tlb_flush_mm_lazy() under plain spin_lock(&mm->context.lock).
 *
 * Tracking byte (mask = atomic_read(&page->_refcount) >> 24): 0x01/0x02
 * AA, lower/upper half allocated; 0x10/0x20 PP, lower/upper half pending
 * free.  pt starts with _refcount 0x03000001 (AA = 0x03, both halves in
 * use, so off pgtable_list) and page->lru self-linked, as v6.6's
 * page_table_alloc() leaves it (list_del_init()).  PG_active clear.
 *
 * Objects: one page pt = the two 2K tables, lower = cells 0-1 mapped by
 * pmd0, upper = cells 2-3 mapped by pmd1 (a Grace page has PTRS_PER_PTE =
 * page_words = 4 cells, so where the kernel adds PTRS_PER_PTE for the
 * upper 2K the model adds PTRS_PER_PTE / 2).  The half rides in the low
 * bits of the struct page pointer given to tlb_remove_table(), not of the
 * table address (Grace's page_address() values are not 4-aligned).
 * Grace prints the tagged values pt|1 and pt|2 as &pt._refcount and
 * &pt._mapcount (the cells at those offsets of struct page).
 *
 * Actors:
 *   P0, CPU0 task: khugepaged retract_page_tables() on pmd0 (actor K):
 *       pmd lock + pte lock, pmdp_collapse_flush(), unlock,
 *       pte_free_defer(mm, lower).
 *   P1, CPU1 task: munmap of the range mapped by pmd1 (actor U):
 *       free_pte_range() (pmd_clear(), pte_free_tlb() =
 *       page_table_free_rcu(upper)), tlb_finish_mmu().  The batch page
 *       (GFP_NOWAIT) may not be allocated: then the fallback IPI and an
 *       immediate __tlb_remove_table() in task context; else call_rcu()
 *       and tlb_remove_table_rcu() in softirq on CPU1 (actor R).
 *       MAX_TABLE_BATCH = 1.
 *   P2, CPU2 task: lockless RCU walker of pmd0 (actor W):
 *       pte_offset_map() (rcu_read_lock(), pmdp_get_lockless(), NULL if
 *       no table), ptep_get(), pte_unmap() (rcu_read_unlock()).
 *   pte_free_now() runs as an RCU callback in softirq on CPU0 or CPU1,
 *       whichever released the page with PG_active set.
 *
 * Invariants: S-I1 (no half allocated and pending: the xors never make
 * it, nothing here allocates); S-I2, pt is never on pgtable_list while
 * its rcu_head is queued (union-misuse), and no list_add() of pt once
 * PG_active is set (both test !PageActive()), so pt leaves the list at
 * the deferring page_table_free() and stays off it; S-I3, list
 * operations on linked/unlinked nodes only (list-corruption); S-I4, pt
 * freed once, with the whole byte zero and off the list
 * (page_table_release_check(), dump_page() in the kernel, here
 * VM_WARN_ON_ONCE), never with PG_active set (bad-page-state); S-I6, the
 * deferred lower table is not freed while W, which saw pmd0 -> pt, is in
 * its RCU read-side section (use-after-free): the release of the page
 * waits for a grace period whichever half goes last; S-I7, pt's rcu_head
 * queued once (rcu-head-reuse); S-I8, no softirq spins on a lock its CPU
 * holds (deadlock): __tlb_remove_table() takes no lock.
 *
 * s390 flushes TLBs by broadcast (IPTE/IDTE): nothing waits for W but the
 * grace period.
 *
 * Expect: sc: pass
 * Expect: tso: pass
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
