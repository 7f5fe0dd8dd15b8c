C d-c4-pte-ref-rcu

(*
 * Qi Zheng's per-table reference count ("pte_ref", proposal, 2021): every
 * user of a PTE table holds a pte_refcount on it, the table is unhooked and
 * freed when the count drops to 0; the lookup is "read the pmd, then
 * atomic_inc_not_zero()" inside rcu_read_lock(), and the free is deferred
 * by call_rcu() (PROTOCOLS.md 5.6, variant d-C4, the passing form).  Never
 * merged: [inferred] where the code of the series was not read, see below.
 *
 * Sources: "[PATCH v3 13/15] mm/pte_ref: free user PTE page table pages",
 * Qi Zheng, 2021-11-10 (20211110105428.32458-14-zhengqi.arch@bytedance.com):
 * pte_try_get() with rcu_read_lock(), pte_get_unless_zero(),
 * pte_put_many(), free_user_pte_table(), pte_free_rcu(), pte_free_debug();
 * pte_alloc() with the v3 pte_try_get(); pmd_install_get(),
 * __pte_alloc_get() and pte_ref_init() from the v2 posting of the same
 * series (Aug 2021; not re-read for v3); the review
 * thread "Re: [PATCH v3 00/15] Free user PTE page table pages" (Jason
 * Gunthorpe, David Hildenbrand, 2021-11-10; PROTOCOLS.md 8, S39).  The
 * series was based on v5.15-rc, so pte_offset_map() takes no rcu and
 * pte_offset_map_lock() rechecks nothing, and GUP-fast has no pmd recheck.
 * The v3 smaps_pte_range() call site is written from the v2 one
 * ("pmd_trans_unstable(pmd) || !pte_try_get(...)") with v3's enum result
 * [inferred].
 *
 * Objects: pmd0 maps the PTE table pt; pt maps nothing yet and its
 * pte_refcount is 1, the reference a page fault took in pmd_install_get()
 * when it installed pt (FAULT_FLAG_PTE_GET).  Grace's struct page has no
 * pte_refcount; it shares its union slot with pt_frag_refcount, which
 * stands for it here.  pml0/pml1 are the pmd locks of pmd0 and pmd1, pt's
 * pte lock is pt->ptl.  The allocator has one fresh page and may hand a
 * freed one back.
 *
 * Actors:
 *   P0, CPU0 task: Ws, /proc/pid/smaps under mmap_read_lock():
 *       smaps_pte_range() on pmd0 with pte_try_get(), pte_offset_map_lock(),
 *       smaps_pte_entry() (a pte read), pte_unmap_unlock(), pte_put().
 *   P1, CPU1 task: the faulting thread, under mmap_read_lock(): the fault
 *       that installed pt maps nothing (say it was handed to userfaultfd)
 *       and drops its reference with pte_put_vmf(); as the count reaches 0,
 *       free_user_pte_table() clears pmd0 under the pmd lock, flushes,
 *       runs pte_free_debug() and queues pte_free_rcu().  The thread then
 *       faults on the next 2M: pte_alloc() on pmd1 allocates and installs a
 *       new table (the allocator may return pt itself); the rest of that
 *       fault is left out.
 *   P2, CPU2 task: Wh, get_user_pages_fast() (FOLL_GET): IRQs off, takes
 *       no pte_refcount ("we don't need to hold any pte_refcount in the
 *       fast path in gup on the x86_64 platform", Qi Zheng, v2 thread).
 *   pte_free_rcu(): RCU callback, softirq on CPU1.
 *
 * x86-64 with CONFIG_FREE_USER_PTE, which selects
 * MMU_GATHER_RCU_TABLE_FREE; the model flushes by broadcast (paravirt
 * style), so that only the grace period protects the IRQ-off walker.
 *
 * Checks: a pte read of a freed table is a use-after-free (D-I1');
 * pte_free_debug()'s BUG_ON(!pte_none()) is the series' own check that no
 * pte is left in a table being freed (D-I2); using a table through a pmd
 * that no longer maps it ends in a NULL pmd_pgtable() (violation bug).
 *
 * Why it passes: pt is freed only when its count has reached 0, and a
 * count that reached 0 is never raised again (atomic_inc_not_zero()); the
 * count is read in pt's struct page after a pmd read done under
 * rcu_read_lock(), and pt's free waits for a grace period, so pt cannot
 * have been freed and reused as P1's new table between P0's pmd read and
 * its atomic_inc_not_zero().  P2 reads pmd0 and pt's pte with IRQs off,
 * which holds off that grace period.
 *
 * On PROTOCOLS.md's "[inferred]" remark (the bare lookup is a race "unless
 * T's memory is type-stable or RCU-freed"): struct page is type-stable
 * here as in the kernel (Grace never frees page metadata), and that is
 * not enough.  Without the rcu_read_lock() the page can be freed and
 * handed out again as another page table with a live count, and
 * atomic_inc_not_zero() then succeeds on a table the pmd no longer maps:
 * see the mutant d-c4-pte-ref-rcu-no-rcu-read-lock.grace.  Only the grace
 * period (or a lookup under the pmd lock, as in v2) closes it.
 *
 * Invariants: D-I1' (pt not freed under a walker), D-I2, and the d-C4
 * lookup rule: a reference is only ever taken on the table the pmd maps.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=broadcast
 *)

{
  struct mm_struct mm;
  struct page pt = { .pt_frag_refcount = 1 };
  pmd_t pmd0 = pt;
  pmd_t pmd1;
  spinlock_t pml0;
  spinlock_t pml1;
}

/* ---- helpers ---- */

spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd)
{
	spinlock_t *ptl = &pml1;

	if (pmd == &pmd0)
		ptl = &pml0;
	spin_lock(ptl);
	return ptl;
}

/* before v6.5: the pte lock of the table *pmd maps, no recheck */
pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long address,
			   spinlock_t **ptlp)
{
	spinlock_t *__ptl = &pmd_page(*pmd)->ptl;	/* pte_lockptr(mm, pmd) */
	pte_t *__pte = pte_offset_kernel(pmd, address);	/* pte_offset_map(pmd, address) */

	*ptlp = __ptl;
	spin_lock(__ptl);
	return __pte;
}

/* ---- include/linux/pte_ref.h, mm/pte_ref.c (v3) ---- */

/* TRYGET_SUCCESSED 0, TRYGET_FAILED_ZERO 1, TRYGET_FAILED_NONE 2, TRYGET_FAILED_HUGE_PMD 3 */

bool pte_get_unless_zero(pmd_t *pmd)
{
	pgtable_t pte = pmd_pgtable(*pmd);

	/* VM_BUG_ON(!PageTable(pte)) */
	return atomic_inc_not_zero(&pte->pt_frag_refcount);	/* &pte->pte_refcount */
}

int pte_try_get(pmd_t *pmd)
{
	int retval = 0;
	pmd_t pmdval;

	rcu_read_lock();
	pmdval = READ_ONCE(*pmd);
	if (pmd_none(pmdval))
		retval = 2;
	else if (pmd_trans_huge(pmdval))	/* is_huge_pmd(pmdval) */
		retval = 3;
	else if (!pte_get_unless_zero(&pmdval))
		retval = 1;
	rcu_read_unlock();

	return retval;
}

void pte_ref_init(pgtable_t pte, pmd_t *pmd, int count)
{
	/* pte->pmd = pmd: back pointer, not used here */
	atomic_set(&pte->pt_frag_refcount, count);
}

/* CONFIG_DEBUG_VM */
void pte_free_debug(pmd_t pmd)
{
	pte_t *ptep = pte_offset_kernel(&pmd, 0);	/* (pte_t *)pmd_page_vaddr(pmd) */
	int i = 0;

	for (i = 0; i < PTRS_PER_PTE; i++)
		BUG_ON(!pte_none(ptep_get(ptep + i)));	/* *ptep++ */
}

void pte_free_rcu(struct rcu_head *rcu)
{
	struct page *page = container_of(rcu, struct page, rcu_head);

	pgtable_pte_page_dtor(page);
	__free_page(page);
}

void free_user_pte_table(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	spinlock_t *ptl;
	pmd_t pmdval;

	ptl = pmd_lock(mm, pmd);
	pmdval = pmdp_huge_get_and_clear(mm, addr, pmd);
	flush_tlb_range(NULL, addr, addr + PAGE_SIZE * PTRS_PER_PTE);	/* &vma, addr, addr + PMD_SIZE */
	spin_unlock(ptl);

	pte_free_debug(pmdval);
	/* mm_dec_nr_ptes(mm) */
	call_rcu(&pmd_pgtable(pmdval)->rcu_head, pte_free_rcu);
}

void pte_put_many(struct mm_struct *mm, pmd_t *pmd, unsigned long addr, unsigned int nr)
{
	pgtable_t pte = pmd_pgtable(*pmd);

	/* VM_BUG_ON(!PageTable(pte)) */
	if (atomic_sub_and_test(nr, &pte->pt_frag_refcount))	/* &pte->pte_refcount */
		free_user_pte_table(mm, pmd, addr);	/* addr & PMD_MASK */
}

void pte_put(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	pte_put_many(mm, pmd, addr, 1);
}

/* v2 text */
void pmd_install_get(struct mm_struct *mm, pmd_t *pmd, pgtable_t *pte)
{
	spinlock_t *ptl;

	while (1) {				/* retry: */
		ptl = pmd_lock(mm, pmd);
		if (pmd_none(*pmd)) {
			/* mm_inc_nr_ptes(mm) */
			smp_wmb(); /* Could be smp_wmb__xxx(before|after)_spin_lock */
			pmd_populate(mm, pmd, *pte);
			pte_ref_init(*pte, pmd, 1);
			*pte = NULL;
		} else if (!pte_get_unless_zero(pmd)) {
			spin_unlock(ptl);
			continue;		/* goto retry */
		}
		spin_unlock(ptl);
		return;
	}
}

int __pte_alloc_get(struct mm_struct *mm, pmd_t *pmd)
{
	pgtable_t new = pte_alloc_one(mm);

	if (!new)
		return -12;			/* -ENOMEM */
	pmd_install_get(mm, pmd, &new);
	if (new)
		pte_free(mm, new);
	return 0;
}

/* v3 pte_alloc(): takes a reference on the table it returns */
int pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	int ret = pte_try_get(pmd);

	if (ret == 2 || ret == 1)		/* TRYGET_FAILED_NONE, TRYGET_FAILED_ZERO */
		return __pte_alloc_get(mm, pmd);
	return 0;				/* INSTALLED_PTE (INSTALLED_HUGE_PMD: not here) */
}

/* ---- P0: fs/proc/task_mmu.c ---- */

int smaps_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end)
{
	pte_t *pte;
	pte_t ptent;
	spinlock_t *ptl;
	unsigned long start = addr;

	/* ptl = pmd_trans_huge_lock(pmd, vma): no huge pmd here */
	if (pmd_none(*pmd) || pmd_trans_huge(*pmd) ||	/* pmd_trans_unstable(pmd) */
	    pte_try_get(pmd) != 0)
		return 0;			/* goto out */
	/*
	 * The mmap_lock held all the way back in m_start() is what
	 * keeps khugepaged out of here and from collapsing things
	 * in here.
	 */
	pte = pte_offset_map_lock(&mm, pmd, addr, &ptl);
	ptent = ptep_get(pte);			/* smaps_pte_entry(pte, addr, walk) */
	spin_unlock(ptl);			/* pte_unmap_unlock(pte - 1, ptl) */
	pte_put(&mm, pmd, start);
	return 0;
}

/* ---- P2: mm/gup.c, v5.15 ---- */

int gup_pte_range(pmd_t pmd, unsigned long addr, unsigned long end,
		  unsigned int flags, struct page **pages, int *nr)
{
	int ret = 0;
	pte_t *ptep;
	pte_t pte;
	struct page *page;

	ptep = pte_offset_kernel(&pmd, addr);	/* ptem = ptep = pte_offset_map(&pmd, addr) */
	do {					/* one pte */
		pte = ptep_get_lockless(ptep);
		if (!pte_present(pte))		/* !pte_access_permitted() */
			break;
		page = pte_page(pte);
		if (!page_cache_get_speculative(page))	/* try_grab_compound_head() */
			break;
		if (pte_val(pte) != pte_val(*ptep)) {
			put_page(page);
			break;
		}
		pages[*nr] = page;
		(*nr)++;
		ret = 1;
	} while (0);
	return ret;
}

int lockless_pages_from_mm(unsigned long start, unsigned long end,
			   unsigned int gup_flags, struct page **pages)
{
	unsigned long flags;
	int nr_pinned = 0;
	pmd_t pmd;

	local_irq_save(flags);
	pmd = READ_ONCE(pmd0);			/* gup_pgd_range() ... gup_pmd_range() */
	if (pmd_present(pmd) && !pmd_trans_huge(pmd))
		gup_pte_range(pmd, start, end, gup_flags, pages, &nr_pinned);
	local_irq_restore(flags);
	return nr_pinned;
}

/* ---- threads ---- */

P0(pmd_t *pmd0, struct mm_struct *mm)
{
	mmap_read_lock(mm);			/* m_start() */
	smaps_pte_range(pmd0, 0, PAGE_SIZE);	/* walk_page_vma() -> walk_pmd_range() */
	mmap_read_unlock(mm);			/* m_stop() */
}

P1(pmd_t *pmd0, pmd_t *pmd1, struct mm_struct *mm)
{
	mmap_read_lock(mm);
	/* end of the fault on pmd0's range: nothing was mapped */
	pte_put(mm, pmd0, 0);			/* pte_put_vmf(vmf) */
	/* a fault on the next 2M: handle_mm_fault() -> ... */
	pte_alloc(mm, pmd1);			/* the fault holds this reference on */
	mmap_read_unlock(mm);
}

P2(pmd_t *pmd0)
{
	struct page *pages[1];
	int nr;

	/* get_user_pages_fast(start, 1, 0, pages) */
	nr = lockless_pages_from_mm(0, PAGE_SIZE, 0, pages);
	if (nr)
		put_page(pages[0]);
}
