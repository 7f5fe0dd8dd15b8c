C pte-free-defer-v1-lru-overlay

(*
 * s390 pte_free_defer() v1 on a page that is on pgtable_list:
 * call_rcu(&page->rcu_head) writes over page->lru while it is linked
 * (PROTOCOLS.md 3.9, variant b-B2 (ii)).
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
 * The bug: Gerald Schaefer, 2023-06-01, "page->rcu_head would overlay
 * with page->lru", quoted in "Re: [PATCH 07/12] s390: add
 * pte_free_defer(), with use of mmdrop_async()", Gerald Schaefer,
 * 2023-06-06 (PROTOCOLS.md S14).
 *
 * Tracking byte (mask = atomic_read(&page->_refcount) >> 24): AA
 * 0x01/0x02, PP 0x10/0x20.  pt is partial: _refcount 0x01000001, the
 * lower 2K (cells 0-1, mapped by pmd0) allocated, the upper free, so pt
 * is on mm->context.pgtable_list (the init block links pt.lru there, as
 * page_table_alloc() leaves a fresh page).  PTRS_PER_PTE = page_words = 4
 * in Grace: the model adds PTRS_PER_PTE / 2 where the kernel adds
 * PTRS_PER_PTE.
 *
 * Actors:
 *   P0, CPU0 task: khugepaged retract_page_tables() on pmd0 (actor K):
 *       pmd lock + pte lock, pmdp_collapse_flush(), unlock,
 *       pte_free_defer(mm, lower).
 *   P1, CPU1 task: page_table_alloc(mm) (actor A): list_first_entry() ->
 *       pt, takes the upper half and list_del()s pt.
 *   pte_free_now() runs as an RCU callback in softirq on CPU0.
 *
 * PROTOCOLS.md gives two steps: K's call_rcu() clobbers lru.next/prev
 * while pt is linked (S-I2), then A's list_del() follows the clobbered
 * pointers (list corruption).  Grace reports the first step: call_rcu()
 * on an rcu_head whose cells are a linked list_head is union-misuse
 * (SPEC 2.3), so the shortest trace is K alone, with A not yet started.
 * A is kept because it is the victim and because it makes the other
 * orders safe: if A takes the upper half first, pt leaves the list and
 * K's call_rcu() is legal (then pte_free_now() page_table_free()s the
 * lower half of a full page: list_add(), no free).
 *
 * Invariant broken: S-I2, rcu_queued(pt) implies !on_list(pt) (the union
 * of lru and rcu_head).
 * Expect: sc: violation union-misuse
 * Expect: tso: violation union-misuse
 * Config: tlb_flush=broadcast rcu=consolidated
 *)

{
  struct mm_struct mm = { .context.pgtable_list = { &pt.lru, &pt.lru } };
  struct page pt = { ._refcount = 0x01000001, .lru = { &mm.context.pgtable_list, &mm.context.pgtable_list } };
  pmd_t pmd0 = pt;
  spinlock_t pml;
  spinlock_t ptl;
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
			atomic_xor_bits(&page->_refcount, 0x01U << (bit + 24));
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

P1(struct mm_struct *mm)
{
	unsigned long *new;

	new = page_table_alloc(mm);		/* pte_alloc_one(mm) */
}
