C tlb-remove-table-unstable-mm

(*
 * __tlb_remove_table() relisting a half-free page through page->pt_mm:
 * the mm may be freed between reading pt_mm and taking its lock
 * (PROTOCOLS.md 3.9, variant b-B4, "unstable mm").
 *
 * Source: the per-mm-lock form of "[PATCH v2 07/12] s390: add
 * pte_free_defer() for pgtables sharing page", Hugh Dickins, 2023-06-20
 * (PROTOCOLS.md S16): v2's page_table_free(), page_table_free_rcu() and
 * __tlb_remove_table() (HH bits, relisting from __tlb_remove_table()
 * through page->pt_mm) with mm->context.lock where v2 takes its global
 * mm_pgtable_list_lock.  That is the rework Hugh sent Gerald Schaefer in
 * mid-June and Gerald tested ("Re: [PATCH 07/12] s390: add
 * pte_free_defer(), with use of mmdrop_async()", Hugh Dickins and Gerald
 * Schaefer, 2023-06-15/16, PROTOCOLS.md S15); v2's commit text says why
 * it moved to the global lock.  The mid-June code itself was not read:
 * that __tlb_remove_table() took spin_lock_bh(&mm->context.lock) there is
 * [inferred] from the two mails.  mmu_gather: mm/mmu_gather.c
 * @ 06d074298583 (1.3); s390 tlb_flush() is __tlb_flush_mm_lazy(), plain
 * spin_lock(&mm->context.lock) (arch/s390/include/asm/tlbflush.h).
 *
 * Tracking byte (mask = atomic_read(&page->_refcount) >> 24): AA
 * 0x01/0x02, HH 0x04/0x08, PP 0x10/0x20.  pt starts at 0x03 (_refcount
 * 0x03000001), off pgtable_list, pt_mm = &mm.  Lower 2K = cells 0-1 of pt
 * (mapped by pmd0), upper = cells 2-3 (PTRS_PER_PTE = page_words = 4 in
 * Grace: the model adds PTRS_PER_PTE / 2 where the kernel adds
 * PTRS_PER_PTE); the half rides in the low bits of the struct page
 * pointer given to tlb_remove_table().
 * Grace prints the tagged values pt|1 and pt|2 as &pt._refcount and
 * &pt._mapcount (the cells at those offsets of struct page).
 *
 * The bug, in v2's own commit text: "although AA bit set guarantees that
 * pt_mm must still be valid, it does not guarantee that mm is still
 * valid an instant later: so acquiring mm->context.lock would not be
 * safe"; Gerald Schaefer, 2023-06-15: his approach "would prevent scary
 * 'unstable mm' issues in __tlb_remove_table()".  Alternatives: the
 * global lock (v2, pte-free-defer-v2-hh.grace), a SLAB_TYPESAFE_BY_RCU
 * pgtable_list ("prospective 13/12", 2023-06-22), or no relisting from
 * __tlb_remove_table() at all (v6.6, pte-free-defer-v6.6.grace).
 *
 * Objects: mm with two users (the two threads below: mm_users = 2,
 * mm_count = 1); it is freed when the last mmput() drops mm_count to 0.
 *
 * Actors:
 *   P0, CPU0 task: one thread of the process (actor U): munmap of pmd0's
 *       range (pmd_clear(), page_table_free_rcu(lower), tlb_finish_mmu()),
 *       then it exits: mmput(mm).  If the GFP_NOWAIT batch page comes,
 *       the batch is queued with call_rcu() and tlb_remove_table_rcu()
 *       -> __tlb_remove_table(lower) runs in softirq on CPU0 after the
 *       grace period (actor R), possibly after P0 has finished; else the
 *       fallback runs __tlb_remove_table() at once, before P0's mmput().
 *   P1, CPU1 task: the other thread (actor E): its __pte_alloc() lost
 *       the race, pte_free(mm, new) = page_table_free(mm, upper); then it
 *       exits: mmput(mm), the last user, so exit_mmap() and __mmdrop()
 *       free mm.
 *
 * Shortest failure, as in PROTOCOLS.md: U frees the lower half (0x12) and
 * queues the batch, then exits (mm_users 2 -> 1); after the grace period
 * R on CPU0 reads the byte, sees the upper AA bit and loads mm =
 * pt->pt_mm; on CPU1 E frees the upper half (0x10) and exits, mmput()
 * frees mm; R's spin_lock_bh(&mm->context.lock) touches the freed mm
 * (39 steps).  PROTOCOLS.md puts R on CPU1 and the exiting thread on
 * CPU2; Grace runs an RCU callback on the CPU that queued it, as the
 * kernel does by default, so here R is CPU0's softirq, after U has
 * exited, and E is on CPU1.
 *
 * Invariant broken: S-I9, __tlb_remove_table() and RCU callbacks never
 * touch an mm after it is freed.
 * Expect: sc: violation use-after-free
 * Expect: tso: violation use-after-free
 * Config: tlb_flush=broadcast rcu=consolidated
 *)

{
  struct mm_struct mm = { .mm_users = 2 };
  struct page pt = { ._refcount = 0x03000001, .pt_mm = &mm };
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

void page_table_free(struct mm_struct *mm, unsigned long *table)
{
	unsigned int mask, bit, half;
	struct page *page;

	page = virt_to_page(table);
	/* if (!mm_alloc_pgste(mm)) { */
	/* Free 2K page table fragment of a 4K page */
	bit = (table - (unsigned long *) page_to_virt(page)) / (PTRS_PER_PTE / 2);
	spin_lock_bh(&mm->context.lock);	/* v2: spin_lock_bh(&mm_pgtable_list_lock) */
	/*
	 * Mark the page for release. The actual release will happen
	 * below from this function, or later from __tlb_remove_table().
	 */
	mask = atomic_xor_bits(&page->_refcount, 0x01U << (bit + 24));
	mask >>= 24;
	if (mask & 0x03U)		/* other half is allocated */
		list_add(&page->lru, &mm->context.pgtable_list);
	else if (!(mask & 0x30U))	/* other half not pending */
		list_del(&page->lru);
	spin_unlock_bh(&mm->context.lock);
	if (mask != 0x00U)
		return;
	half = 0x01U << bit;

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
	spin_lock_bh(&mm->context.lock);	/* v2: spin_lock_bh(&mm_pgtable_list_lock) */
	/*
	 * Mark the page for delayed release.
	 * The actual release will happen later, from __tlb_remove_table().
	 */
	mask = atomic_xor_bits(&page->_refcount, 0x11U << (bit + 24));
	mask >>= 24;
	/* Other half not allocated? Other half not already pending free? */
	if ((mask & 0x03U) == 0x00U && (mask & 0x30U) != 0x30U)
		list_del(&page->lru);
	spin_unlock_bh(&mm->context.lock);
	/* table = (unsigned long *) ((unsigned long) table | (0x01U << bit)); */
	tlb_remove_table(tlb, (void *) ((unsigned long) page | (0x01U << bit)));
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

		spin_lock_bh(&mm->context.lock);	/* v2: spin_lock_bh(&mm_pgtable_list_lock) */
		mask = atomic_xor_bits(&page->_refcount, mask << 28);
		mask >>= 24;
		if (mask & 0x03U)
			list_add(&page->lru, &mm->context.pgtable_list);
		spin_unlock_bh(&mm->context.lock);
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

P0(pmd_t *pmd0, struct mmu_gather *tlb, struct mm_struct *mm)
{
	unsigned long *token;

	/* munmap: free_pte_range(): token = pmd_pgtable(*pmd), the lower 2K table */
	token = (unsigned long *) page_to_virt(pmd_page(*pmd0));
	pmd_clear(pmd0);
	page_table_free_rcu(tlb, token, 0);	/* pte_free_tlb(tlb, token, addr) */
	tlb_finish_mmu(tlb);

	/* do_exit() -> exit_mm() */
	mmput(mm);
}

P1(struct page *pt, struct mm_struct *mm)
{
	unsigned long *new;

	/* __pte_alloc(): new = pte_alloc_one(mm) gave the upper 2K of pt; pmd already populated */
	new = (unsigned long *) page_to_virt(pt) + PTRS_PER_PTE / 2;
	page_table_free(mm, new);		/* pte_free(mm, new) */

	/* do_exit() -> exit_mm(): the last user; exit_mmap(), mmdrop() */
	mmput(mm);
}
