C pte-free-defer-v1-rcu-head-reuse

(*
 * s390 pte_free_defer() v1, both 2K halves of one page deferred inside
 * one grace period: the page's single rcu_head is queued twice
 * (PROTOCOLS.md 3.9, variant b-B2 (i)).
 *
 * Source: "[PATCH 07/12] s390: add pte_free_defer(), with use of
 * mmdrop_async()", Hugh Dickins, 2023-05-28 (v1; PROTOCOLS.md S13):
 * pte_free_defer() takes mmgrab(mm), stores mm | half in page->pt_mm and
 * call_rcu()s page->rcu_head; pte_free_now() decodes them and calls the
 * v6.4/v6.5 page_table_free() ("By the time that page_table_free() gets
 * called via RCU, it's conceivable that mm would already have been freed:
 * so mmgrab() ... mmdrop_async()").  page_table_alloc() and
 * page_table_free() are the v6.5 ones the patch applies to (S11); the
 * caller is retract_page_tables() (1d65b771bc08).
 * The bug: Matthew Wilcox, "Re: [PATCH 05/12] powerpc: add
 * pte_free_defer() ...", 2023-05-29 (PROTOCOLS.md S6), on two page tables
 * of one page deferred at once reusing the rcu_head; Hugh Dickins: "So my
 * s390 and sparc implementations will be equally broken."  Fixed in v2 by
 * the HH bits (pte-free-defer-v2-hh.grace) and in the merged v3 by
 * deferring only once both halves are free (pte-free-defer-v6.6.grace).
 *
 * Tracking byte (mask = atomic_read(&page->_refcount) >> 24): AA
 * 0x01/0x02, PP 0x10/0x20.  pt starts at 0x03 (_refcount 0x03000001),
 * off pgtable_list: both halves in use, the lower 2K (cells 0-1) mapped
 * by pmd0 and the upper 2K (cells 2-3) by pmd1 (PTRS_PER_PTE =
 * page_words = 4 in Grace: the model adds PTRS_PER_PTE / 2 where the
 * kernel adds PTRS_PER_PTE).  The mm | half tag in pt_mm works in Grace
 * as in the kernel (a pointer to the start of mm has zero low bits).
 *
 * Actors:
 *   P0, CPU0 task: khugepaged retract_page_tables() visiting the vmas of
 *       pmd0 and pmd1 in one pass (the loop body written out twice): pmd
 *       lock + pte lock, pmdp_collapse_flush(), unlock, pte_free_defer();
 *       first the lower table, then the upper.  One pml/ptl pair stands
 *       for both pmds' locks, held one vma at a time.
 *   pte_free_now() runs as an RCU callback in softirq on CPU0.
 *
 * Shortest failure: both retractions inside one grace period: the second
 * pte_free_defer() calls call_rcu(&pt->rcu_head) while the first
 * call_rcu() still has it queued.  (If a grace period ends between the
 * two, the first callback has dequeued the head, but its
 * page_table_free() of the lower half, the upper still allocated, has
 * list_add()ed pt: the second call_rcu() is then union-misuse, b-B2 (ii),
 * a longer trace with a synchronize_rcu(); rcu_barrier() put between the two.
 * Both orders fail; the shorter is this one.)
 *
 * Invariant broken: S-I7, pt's rcu_head is queued once at a time.
 * Expect: sc: violation rcu-head-reuse
 * Expect: tso: violation rcu-head-reuse
 * Config: tlb_flush=broadcast rcu=consolidated
 *)

{
  struct mm_struct mm;
  struct page pt = { ._refcount = 0x03000001 };
  pmd_t pmd0 = pt;
  pmd_t pmd1 = pt;
  spinlock_t pml;
  spinlock_t ptl;
}

/* dump_page(page, "Invalid pgtable %p release half 0x%02x mask 0x%02x") */
void page_table_release_check(struct page *page, unsigned int half, unsigned int mask)
{
	/* if (!IS_ENABLED(CONFIG_DEBUG_VM) || !mask) return; */
	VM_WARN_ON_ONCE(mask);
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

void pte_free_now(struct rcu_head *head)
{
	struct page *page;
	unsigned long mm_bit;
	struct mm_struct *mm;
	unsigned long *table;

	page = container_of(head, struct page, rcu_head);
	table = (unsigned long *) page_to_virt(page);
	mm_bit = (unsigned long) page->pt_mm;
	/* 4K page has only two 2K fragments, but alignment allows eight */
	mm = (struct mm_struct *) (mm_bit & ~7);
	table += (PTRS_PER_PTE / 2) * (mm_bit & 7);	/* kernel: PTRS_PER_PTE * (mm_bit & 7) */
	page_table_free(mm, table);
	mmdrop_async(mm);
}

/* pgtable_t is pte_t * on s390 */
void pte_free_defer(struct mm_struct *mm, unsigned long *pgtable)
{
	struct page *page;
	unsigned long mm_bit;

	mmgrab(mm);
	page = virt_to_page(pgtable);
	/* Which 2K page table fragment of a 4K page? */
	mm_bit = (pgtable - (unsigned long *) page_to_virt(page)) / (PTRS_PER_PTE / 2);
	mm_bit += (unsigned long) mm;
	page->pt_mm = (struct mm_struct *) mm_bit;
	call_rcu(&page->rcu_head, pte_free_now);
}

P0(pmd_t *pmd0, pmd_t *pmd1, struct mm_struct *mm, spinlock_t *pml, spinlock_t *ptl)
{
	pmd_t pgt_pmd;

	/* retract_page_tables(): first vma, pmd0 */
	spin_lock(pml);				/* pml = pmd_lock(mm, pmd) */
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);	/* ptl = pte_lockptr(mm, pmd) */
	pgt_pmd = pmdp_collapse_flush(NULL, 0, pmd0);
	spin_unlock(ptl);
	spin_unlock(pml);
	/* pte_free_defer(mm, pmd_pgtable(pgt_pmd)): the lower 2K table */
	pte_free_defer(mm, (unsigned long *) page_to_virt(pmd_page(pgt_pmd)));

	/* retract_page_tables(): second vma, pmd1 */
	spin_lock(pml);
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
	pgt_pmd = pmdp_collapse_flush(NULL, 0, pmd1);
	spin_unlock(ptl);
	spin_unlock(pml);
	/* pte_free_defer(mm, pmd_pgtable(pgt_pmd)): the upper 2K table */
	pte_free_defer(mm, (unsigned long *) page_to_virt(pmd_page(pgt_pmd)) + PTRS_PER_PTE / 2);
}
