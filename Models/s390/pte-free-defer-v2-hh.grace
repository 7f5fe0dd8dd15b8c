C pte-free-defer-v2-hh

(*
 * s390 2K page-table fragments with pte_free_defer(), v2: HH bits and a
 * global list lock (PROTOCOLS.md 3.6, variant b-C2; posted, tested by its
 * author, superseded by the v3 that was merged as 8211dad62798).
 *
 * Source: "[PATCH v2 07/12] s390: add pte_free_defer() for pgtables
 * sharing page", Hugh Dickins, 2023-06-20 (PROTOCOLS.md S16): the new rule
 * "a page is not linked to mm_context_t::pgtable_list while either half is
 * pending free, by either tlb_remove_table() or pte_free_defer(); but is
 * afterwards either relinked to the list (if other half is allocated), or
 * freed (if other half is free): by __tlb_remove_table() in both cases";
 * HH bits "so the second pte_free_defer() can see that rcu_head is already
 * in use, and the RCU callee pte_free_half() can see that it needs to make
 * a further call_rcu() for that other half"; page->pt_mm set by
 * page_table_alloc(); static DEFINE_SPINLOCK(mm_pgtable_list_lock) instead
 * of mm->context.lock for the list.  The callers are retract_page_tables()
 * (1d65b771bc08) and a pte_offset_map() RCU walker ("[PATCH 01/12]
 * mm/pgtable: add rcu_read_lock() and rcu_read_unlock()s", 2023-05-28).
 *
 * Tracking byte (mask = atomic_read(&page->_refcount) >> 24): 0x01/0x02
 * AA, lower/upper allocated; 0x04/0x08 HH, lower/upper pending free by
 * page->rcu_head; 0x10/0x20 PP, lower/upper pending free by any method.
 * pt starts at _refcount 0x03000001 (AA = 0x03, off pgtable_list) with
 * pt_mm = &mm.
 *
 * Objects: one page pt, lower 2K = cells 0-1 mapped by pmd0, upper 2K =
 * cells 2-3 mapped by pmd1 (PTRS_PER_PTE = page_words = 4 in Grace: the
 * model adds PTRS_PER_PTE / 2 where the kernel adds PTRS_PER_PTE).  The
 * half rides in the low bits of the struct page pointer handed to
 * __tlb_remove_table(), not of the table address (Grace's page_address()
 * values are not 4-aligned).
 * Grace prints the tagged values pt|1 and pt|2 as &pt._refcount and
 * &pt._mapcount (the cells at those offsets of struct page).
 *
 * Actors:
 *   P0, CPU0 task: khugepaged retract_page_tables() on pmd0 (actor K):
 *       pmd lock + pte lock, pmdp_collapse_flush(), unlock,
 *       pte_free_defer(mm, lower).
 *   P1, CPU1 task: the same on pmd1, pte_free_defer(mm, upper), e.g.
 *       MADV_COLLAPSE's collapse_pte_mapped_thp() next to khugepaged.  The
 *       two halves live in one page, so pte_lockptr() gives both the same
 *       ptl, and pmd0/pmd1 sit in one pmd table: one pml/ptl pair.
 *   P2, CPU2 task: lockless RCU walker of pmd0 (actor W): pte_offset_map()
 *       (rcu_read_lock(), pmdp_get_lockless(), NULL if none), ptep_get(),
 *       pte_unmap() (rcu_read_unlock()).
 *   P3, CPU3 task: page_table_alloc(mm) (actor A): takes the first page of
 *       pgtable_list, where __tlb_remove_table() relists pt once one half
 *       is free again and the other still allocated, or a fresh page
 *       (which, as v2 does, gets pt_mm = mm).
 *   pte_free_now0()/pte_free_now1() -> pte_free_half(), RCU callbacks in
 *       softirq on the CPU that queued them; pte_free_half() calls
 *       __tlb_remove_table(), which relists the page under the global lock
 *       when the other half is still allocated, and may queue the other
 *       half's callback on the same rcu_head.
 *
 * Invariants: S-I1 and S-I2 as v2's page_table_alloc() checks them: a
 * page on pgtable_list has no PP or HH bit and exactly one AA bit
 * (WARN_ON_ONCE, warning); pt never on pgtable_list while its rcu_head
 * is queued (union-misuse); S-I3, list operations on linked/unlinked
 * nodes only (list-corruption); S-I4, pt freed once (double-free); S-I6,
 * neither deferred table freed while W, which saw pmd0 -> pt, is inside
 * its RCU read-side section (use-after-free); S-I7, the single rcu_head
 * queued once at a time (rcu-head-reuse): when both halves are deferred
 * inside one grace period the second pte_free_defer() sees the first's
 * HH bit and does not call_rcu(); S-I8 (deadlock): __tlb_remove_table()
 * in softirq takes the global lock with spin_lock_bh(), as every user.
 *
 * Finding, not in PROTOCOLS.md: as posted, pte_free_half() tests
 * "if (mask & 0x0CU)" on the value atomic_xor_bits() returns, without the
 * "mask >>= 24" that every other site has, so it looks at bits 2-3 of
 * the page's own reference count (1 here), never at the HH bits, and
 * never queues the other half's callback.  When both halves are deferred
 * inside one grace period (the second pte_free_defer() saw 0x0C and left
 * the call_rcu() to pte_free_half()), the first callback takes the byte
 * 0x3C -> 0x38 -> 0x28 and returns; the upper table and pt are never
 * freed: a leak, not a safety violation, so the model, which keeps the
 * posted text (marked sic), passes; Grace checks safety, not leaks.  An
 * assert in pte_free_half() that the other half's HH bit implies the
 * call_rcu() fails.  Written "if ((mask >> 24) & 0x0CU)" the
 * chained call_rcu() happens and the model passes as well.  v3 dropped
 * the HH bits altogether.
 *
 * Expect: sc: pass
 * Expect: tso: pass
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

	/* Do not relink on rcu_head if other half already linked on rcu_head */
	if ((mask & 0x0CU) != 0x0CU)
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
