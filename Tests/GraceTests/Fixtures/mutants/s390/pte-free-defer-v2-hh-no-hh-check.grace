C pte-free-defer-v2-hh-no-hh-check

(*
 * Mutant of Models/s390/pte-free-defer-v2-hh.grace (s390 pte_free_defer()
 * v2 with HH bits, "[PATCH v2 07/12] s390: add pte_free_defer() for
 * pgtables sharing page", Hugh Dickins, 2023-06-20, PROTOCOLS.md 3.6)
 * with the HH test of pte_free_defer() removed:
 *     if ((mask & 0x0CU) != 0x0CU)
 * before call_rcu(&page->rcu_head, ...): every deferral queues the
 * page's one rcu_head, which is what v1 did (b-B2 (i)).
 *
 * Actors as in the model: P0, CPU0 task: retract of pmd0,
 * pte_free_defer(lower); P1, CPU1 task: retract of pmd1,
 * pte_free_defer(upper); P2, CPU2 task: RCU walker of pmd0; P3, CPU3
 * task: page_table_alloc().
 *
 * Expected shortest failure (26 steps): P0 defers the lower half (0x03 ->
 * 0x16) and call_rcu(pte_free_now0); inside the same grace period P1
 * defers the upper half (0x16 -> 0x3C) and, the HH test gone, calls
 * call_rcu() on the still queued rcu_head.  Invariant broken: S-I7.
 *
 * Expect: sc: violation rcu-head-reuse
 * Config: tlb_flush=broadcast rcu=consolidated
 *)

{
  struct mm_struct mm;
  struct page pt = { ._refcount = 0x03000001, .pt_mm = &mm };
  pmd_t pmd0 = pt;
  pmd_t pmd1 = pt;
  spinlock_t mm_pgtable_list_lock;
  spinlock_t pml;
  spinlock_t ptl;
}

unsigned long *page_table_alloc(struct mm_struct *mm)
{
	unsigned long *table;
	struct page *page;
	unsigned int mask, bit;

	/* Try to get a fragment of a 4K page as a 2K page table */
	/* if (!mm_alloc_pgste(mm)) {: no PGSTE mm here */
	table = NULL;
	spin_lock_bh(&mm_pgtable_list_lock);
	if (!list_empty(&mm->context.pgtable_list)) {
		page = list_first_entry(&mm->context.pgtable_list, struct page, lru);
		mask = atomic_read(&page->_refcount) >> 24;
		/* Cannot be on this list if either half pending free */
		WARN_ON_ONCE(mask & ~0x03U);
		/* One or other half must be available, but not both */
		WARN_ON_ONCE(mask == 0x00U || mask == 0x03U);
		table = (unsigned long *) page_to_virt(page);
		bit = mask & 0x01U;	/* =1 -> second 2K available */
		table += bit * (PTRS_PER_PTE / 2);	/* kernel: bit * PTRS_PER_PTE */
		atomic_xor_bits(&page->_refcount, 0x01U << (bit + 24));
		list_del(&page->lru);
	}
	spin_unlock_bh(&mm_pgtable_list_lock);
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
	page->pt_mm = mm;
	table = (unsigned long *) page_to_virt(page);
	/* Return the first 2K fragment of the page */
	atomic_xor_bits(&page->_refcount, 0x01U << 24);
	/* memset64((u64 *)table, _PAGE_INVALID, 2 * PTRS_PER_PTE): Grace pages come zeroed */
	spin_lock_bh(&mm_pgtable_list_lock);
	list_add(&page->lru, &mm->context.pgtable_list);
	spin_unlock_bh(&mm_pgtable_list_lock);
	return table;
}

/* dump_page(page, "Invalid pgtable %p release half 0x%02x mask 0x%02x") */
void page_table_release_check(struct page *page, unsigned int half, unsigned int mask)
{
	/* if (!IS_ENABLED(CONFIG_DEBUG_VM) || !mask) return; */
	VM_WARN_ON_ONCE(mask);
}

void __tlb_remove_table(void *_table)
{
	unsigned int mask = (unsigned long) _table & 0x03U, half = mask;
	struct page *page = (struct page *) ((unsigned long) _table ^ mask);	/* virt_to_page(table) */

	/* switch (half): only case 0x01U (lower 2K) and 0x02U (upper 2K) here */
	/*
	 * If the other half is marked as allocated, page->pt_mm must
	 * still be valid, page->rcu_head no longer in use so page->lru
	 * good for use, so now make the freed half available for reuse.
	 * But be wary of races with that other half being freed.
	 */
	if (atomic_read(&page->_refcount) & (0x03U << 24)) {
		struct mm_struct *mm = page->pt_mm;
		/*
		 * It is safe to use page->pt_mm when the other half
		 * is seen allocated while holding pgtable_list lock;
		 * but how will it be safe to acquire that spinlock?
		 * Global mm_pgtable_list_lock is safe and easy for
		 * now, then a followup commit will split it per-mm.
		 */
		spin_lock_bh(&mm_pgtable_list_lock);
		mask = atomic_xor_bits(&page->_refcount, mask << 28);
		mask >>= 24;
		if (mask & 0x03U)
			list_add(&page->lru, &mm->context.pgtable_list);
		spin_unlock_bh(&mm_pgtable_list_lock);
	} else {
		mask = atomic_xor_bits(&page->_refcount, mask << 28);
		mask >>= 24;
	}
	if (mask != 0x00U)
		return;

	page_table_release_check(page, half, mask);
	pgtable_pte_page_dtor(page);
	__free_page(page);
}

void pte_free_half(struct rcu_head *head, unsigned int bit)
{
	unsigned long table;
	struct page *page;
	unsigned int mask;

	page = container_of(head, struct page, rcu_head);
	mask = atomic_xor_bits(&page->_refcount, 0x04U << (bit + 24));

	/* table = page_to_virt(page) + bit * PTRS_PER_PTE, tagged with (0x01U << bit) */
	table = (unsigned long) page | (0x01U << bit);
	__tlb_remove_table((void *) table);

	/* If pte_free_defer() of the other half came in, queue it now */
	if (mask & 0x0CU)			/* sic: mask was not shifted down by 24 */
		call_rcu(&page->rcu_head, bit ? pte_free_now0 : pte_free_now1);
}

void pte_free_now0(struct rcu_head *head)
{
	pte_free_half(head, 0);
}

void pte_free_now1(struct rcu_head *head)
{
	pte_free_half(head, 1);
}

/* pgtable_t is pte_t * on s390 */
void pte_free_defer(struct mm_struct *mm, unsigned long *pgtable)
{
	unsigned int bit, mask;
	struct page *page;

	page = virt_to_page(pgtable);
	/* if (mm_alloc_pgste(mm)) { call_rcu(..., pte_free_pgste); return; }: no PGSTE */
	bit = (pgtable - (unsigned long *) page_to_virt(page)) / (PTRS_PER_PTE / 2);

	spin_lock_bh(&mm_pgtable_list_lock);
	mask = atomic_xor_bits(&page->_refcount, 0x15U << (bit + 24));
	mask >>= 24;
	/* Other half not allocated? Other half not already pending free? */
	if ((mask & 0x03U) == 0x00U && (mask & 0x30U) != 0x30U)
		list_del(&page->lru);
	spin_unlock_bh(&mm_pgtable_list_lock);

	call_rcu(&page->rcu_head, bit ? pte_free_now1 : pte_free_now0);
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

P1(pmd_t *pmd1, struct mm_struct *mm, spinlock_t *pml, spinlock_t *ptl)
{
	pmd_t pgt_pmd;

	/* retract_page_tables(), the vma mapped by pmd1 */
	spin_lock(pml);
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	pgt_pmd = pmdp_collapse_flush(NULL, 0, pmd1);
	spin_unlock(ptl);
	spin_unlock(pml);
	/* pte_free_defer(mm, pmd_pgtable(pgt_pmd)): the upper 2K table */
	pte_free_defer(mm, (unsigned long *) page_to_virt(pmd_page(pgt_pmd)) + PTRS_PER_PTE / 2);
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
