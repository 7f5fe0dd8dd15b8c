C page-table-free-pasted

(*
 * s390 page_table_free() with its AA/PP bit transitions, pasted from the
 * kernel with pte_free_defer(), page_table_free_rcu() and
 * __tlb_remove_table() (PROTOCOLS.md 3.5, variant b-C1), munmap freeing
 * its half through the built-in mmu_gather.
 *
 * Source: arch/s390/mm/pgalloc.c as v6.6's 8211dad62798 "s390: add
 * pte_free_defer() for pgtables sharing page" left it, in v6.7's ptdesc
 * spelling (PROTOCOLS.md S21, S22).  pte_free_now(), page_table_free(),
 * page_table_free_rcu(), __tlb_remove_table() and pte_free_defer() below
 * are that file's text, with these changes:
 *   - page_table_free() and page_table_free_rcu(): the half's bit is the
 *     table's word offset in the page over PTRS_PER_PTE / 2, where the
 *     kernel divides its byte offset, table & ~PAGE_MASK, by
 *     PTRS_PER_PTE * sizeof(pte_t).  Grace counts addresses in words, not
 *     bytes, and its page holds page_words = PTRS_PER_PTE words where
 *     s390's 4K page holds two 2K tables of PTRS_PER_PTE ptes each.
 *   - page_table_free_rcu(): the half rides in the low bits of the ptdesc
 *     pointer, not of the table address: the line that tags it ORs
 *     0x01U << bit into ptdesc where the kernel ORs it into table.
 *     Grace's page contents do not start 4-aligned; a struct page pointer
 *     is.  __tlb_remove_table() is unchanged: its untagged "table" is then
 *     the ptdesc pointer, and virt_to_ptdesc() of it the same ptdesc.
 *     Grace prints the tagged values pt|1 and pt|2 as &pt._refcount and
 *     &pt._mapcount, the words at those offsets of struct page.
 *   - pte_free_defer(): "pgtable_t pgtable" is "pte_t *pgtable": s390's
 *     pgtable_t is a pte_t pointer, Grace's a struct page pointer.  Its
 *     #ifdef CONFIG_TRANSPARENT_HUGEPAGE is left out (Grace has no
 *     conditional compilation).
 * Nothing else differs.  What Grace does not have, the model defines:
 * mm_alloc_pgste() and mm_has_pgste() are false (no KVM guest mm: the
 * 4K-with-PGSTE arms are compiled but never taken), gmap_unlink() BUG()s
 * (never called then), and page_table_release_check() is the kernel's
 * condition under CONFIG_DEBUG_VM with VM_WARN_ON_ONCE() for dump_page().
 * s390's tlb_flush() (__tlb_flush_mm_lazy() under mm->context.lock) is the
 * built-in gather's flush, which takes no lock; this __tlb_remove_table()
 * takes none either, so b-B3's deadlock cannot arise here.
 *
 * Tracking byte (mask = atomic_read(&ptdesc->_refcount) >> 24): 0x01/0x02
 * AA, lower/upper half allocated; 0x10/0x20 PP, lower/upper half pending
 * free.  pt starts with _refcount 0x03000001 (both halves allocated, so off
 * pgtable_list) and pt_list self-linked, as page_table_alloc() leaves it.
 *
 * Actors:
 *   P0, CPU0 task: khugepaged retract_page_tables() on pmd0 (the lower
 *       half): pmd lock + pte lock, pmdp_collapse_flush(), unlock,
 *       pte_free_defer(mm, lower).
 *   P1, CPU1 task: munmap of the range mapped by pmd1 (the upper half):
 *       tlb_gather_mmu(), free_pte_range() (pmd_clear(); pte_free_tlb() =
 *       page_table_free_rcu(upper)), tlb_finish_mmu().  __tlb_remove_table()
 *       runs from the batch's RCU callback in softirq on CPU1, or, when the
 *       batch page cannot be allocated, after the IPI in task context.
 *   P2, CPU2 task: lockless RCU walker of pmd0, a pte_offset_map() user.
 *   pte_free_now() runs from call_rcu() in softirq, or at once.
 *
 * Invariants: S-I1, no half both allocated and pending (nothing here
 * allocates); S-I2, pt is never on pgtable_list while its rcu_head is
 * queued (union-misuse) and never relisted once PG_active is set; S-I3,
 * list operations on linked/unlinked nodes only (list-corruption); S-I4,
 * pt freed once, with the whole byte zero and off the list (warning), and
 * never with PG_active set (bad-page-state); S-I6, the deferred lower
 * table is not freed while the walker that saw pmd0 -> pt is inside its
 * RCU read-side section (use-after-free); S-I7, pt's rcu_head queued once
 * (rcu-head-reuse).
 *
 * s390 flushes TLBs by broadcast (IPTE/IDTE): nothing waits for the walker
 * but the grace period.
 *
 * Weak memory models (not checked yet): pass is expected under tso and
 * lkmm.  Every AA/PP transition is one fully ordered atomic_xor_bits(),
 * the list operations are under mm->context.lock, and PG_active, set with
 * a relaxed set_bit() before the xors of page_table_free(), is read by
 * folio_test_active() under the same lock or by folio_test_clear_active()
 * after a fully ordered xor that saw the byte reach zero.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=broadcast
 *)

{
	struct mm_struct mm;
	struct page pt = { ._refcount = 0x03000001, .lru = { &pt.lru, &pt.lru } };
	pmd_t pmd0 = pt;
	pmd_t pmd1 = pt;
	spinlock_t pml;
	spinlock_t ptl;
}

/* No KVM guest mm here: mm->context.alloc_pgste and has_pgste are 0. */
int mm_alloc_pgste(struct mm_struct *mm)
{
	return 0;
}

int mm_has_pgste(struct mm_struct *mm)
{
	return 0;
}

void gmap_unlink(struct mm_struct *mm, unsigned long *table, unsigned long vmaddr)
{
	BUG();
}

/* dump_page(page, "Invalid pgtable %p release half 0x%02x mask 0x%02x") */
static void page_table_release_check(struct page *page, void *table,
				     unsigned int half, unsigned int mask)
{
	VM_WARN_ON_ONCE(mask || !list_empty(&page->lru));
}

/* arch/s390/mm/pgalloc.c */
static void pte_free_now(struct rcu_head *head)
{
	struct ptdesc *ptdesc;

	ptdesc = container_of(head, struct ptdesc, pt_rcu_head);
	pagetable_pte_dtor(ptdesc);
	pagetable_free(ptdesc);
}

void page_table_free(struct mm_struct *mm, unsigned long *table)
{
	unsigned int mask, bit, half;
	struct ptdesc *ptdesc = virt_to_ptdesc(table);

	if (!mm_alloc_pgste(mm)) {
		/* Free 2K page table fragment of a 4K page */
		bit = (table - (unsigned long *) ptdesc_to_virt(ptdesc)) / (PTRS_PER_PTE / 2);
		spin_lock_bh(&mm->context.lock);
		/*
		 * Mark the page for delayed release. The actual release
		 * will happen outside of the critical section from this
		 * function or from __tlb_remove_table()
		 */
		mask = atomic_xor_bits(&ptdesc->_refcount, 0x11U << (bit + 24));
		mask >>= 24;
		if ((mask & 0x03U) && !folio_test_active(ptdesc_folio(ptdesc))) {
			/*
			 * Other half is allocated, and neither half has had
			 * its free deferred: add page to head of list, to make
			 * this freed half available for immediate reuse.
			 */
			list_add(&ptdesc->pt_list, &mm->context.pgtable_list);
		} else {
			/* If page is on list, now remove it. */
			list_del_init(&ptdesc->pt_list);
		}
		spin_unlock_bh(&mm->context.lock);
		mask = atomic_xor_bits(&ptdesc->_refcount, 0x10U << (bit + 24));
		mask >>= 24;
		if (mask != 0x00U)
			return;
		half = 0x01U << bit;
	} else {
		half = 0x03U;
		mask = atomic_xor_bits(&ptdesc->_refcount, 0x03U << 24);
		mask >>= 24;
	}

	page_table_release_check(ptdesc_page(ptdesc), table, half, mask);
	if (folio_test_clear_active(ptdesc_folio(ptdesc)))
		call_rcu(&ptdesc->pt_rcu_head, pte_free_now);
	else
		pte_free_now(&ptdesc->pt_rcu_head);
}

void page_table_free_rcu(struct mmu_gather *tlb, unsigned long *table,
			 unsigned long vmaddr)
{
	struct mm_struct *mm;
	unsigned int bit, mask;
	struct ptdesc *ptdesc = virt_to_ptdesc(table);

	mm = tlb->mm;
	if (mm_alloc_pgste(mm)) {
		gmap_unlink(mm, table, vmaddr);
		table = (unsigned long *) ((unsigned long)table | 0x03U);
		tlb_remove_ptdesc(tlb, table);
		return;
	}
	bit = (table - (unsigned long *) ptdesc_to_virt(ptdesc)) / (PTRS_PER_PTE / 2);
	spin_lock_bh(&mm->context.lock);
	/*
	 * Mark the page for delayed release. The actual release will happen
	 * outside of the critical section from __tlb_remove_table() or from
	 * page_table_free()
	 */
	mask = atomic_xor_bits(&ptdesc->_refcount, 0x11U << (bit + 24));
	mask >>= 24;
	if ((mask & 0x03U) && !folio_test_active(ptdesc_folio(ptdesc))) {
		/*
		 * Other half is allocated, and neither half has had
		 * its free deferred: add page to end of list, to make
		 * this freed half available for reuse once its pending
		 * bit has been cleared by __tlb_remove_table().
		 */
		list_add_tail(&ptdesc->pt_list, &mm->context.pgtable_list);
	} else {
		/* If page is on list, now remove it. */
		list_del_init(&ptdesc->pt_list);
	}
	spin_unlock_bh(&mm->context.lock);
	table = (unsigned long *) ((unsigned long) ptdesc | (0x01U << bit));
	tlb_remove_table(tlb, table);
}

void __tlb_remove_table(void *_table)
{
	unsigned int mask = (unsigned long) _table & 0x03U, half = mask;
	void *table = (void *)((unsigned long) _table ^ mask);
	struct ptdesc *ptdesc = virt_to_ptdesc(table);

	switch (half) {
	case 0x00U:	/* pmd, pud, or p4d */
		pagetable_free(ptdesc);
		return;
	case 0x01U:	/* lower 2K of a 4K page table */
	case 0x02U:	/* higher 2K of a 4K page table */
		mask = atomic_xor_bits(&ptdesc->_refcount, mask << (4 + 24));
		mask >>= 24;
		if (mask != 0x00U)
			return;
		break;
	case 0x03U:	/* 4K page table with pgstes */
		mask = atomic_xor_bits(&ptdesc->_refcount, 0x03U << 24);
		mask >>= 24;
		break;
	}

	page_table_release_check(ptdesc_page(ptdesc), table, half, mask);
	if (folio_test_clear_active(ptdesc_folio(ptdesc)))
		call_rcu(&ptdesc->pt_rcu_head, pte_free_now);
	else
		pte_free_now(&ptdesc->pt_rcu_head);
}

void pte_free_defer(struct mm_struct *mm, pte_t *pgtable)
{
	struct page *page;

	page = virt_to_page(pgtable);
	SetPageActive(page);
	page_table_free(mm, (unsigned long *)pgtable);
	/*
	 * page_table_free() does not do the pgste gmap_unlink() which
	 * page_table_free_rcu() does: warn us if pgste ever reaches here.
	 */
	WARN_ON_ONCE(mm_has_pgste(mm));
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
	pte_free_defer(mm, (pte_t *) page_address(pmd_page(pgt_pmd)));	/* pmd_pgtable(pgt_pmd): the lower half */
}

P1(pmd_t *pmd1, struct mm_struct *mm)
{
	struct mmu_gather tlb;
	unsigned long *token;

	tlb_gather_mmu(&tlb, mm);
	/* free_pte_range(): token = pmd_pgtable(*pmd), the upper half */
	token = (unsigned long *) page_address(pmd_page(*pmd1)) + PTRS_PER_PTE / 2;
	pmd_clear(pmd1);
	page_table_free_rcu(&tlb, token, 0);	/* pte_free_tlb(tlb, token, addr) */
	tlb_finish_mmu(&tlb);
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
