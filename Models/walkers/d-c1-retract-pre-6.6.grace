C d-c1-retract-pre-6.6

(*
 * Page-table retraction before v6.6: khugepaged excludes the semi-locked
 * walkers with the mmap lock and syncs with GUP-fast by an IPI before it
 * frees the table (PROTOCOLS.md 5.6, variant d-C1).
 *
 * Source: retract_page_tables() of v5.15 with 2ba99c5e0881 "mm/khugepaged:
 * fix GUP-fast interaction by sending IPI" (Jann Horn; stable backport
 * "[PATCH 5.15 029/123] mm/khugepaged: fix GUP-fast interaction by sending
 * IPI", 2022-12-12): i_mmap_lock_write(), mmap_write_trylock(),
 * pmd_lock(), "assume page table is clear", pmdp_collapse_flush(),
 * mm_dec_nr_ptes(), tlb_remove_table_sync_one(), pte_free().  GUP-fast as
 * of 70cbc3cc78a9 "mm: gup: fix the fast GUP race against THP collapse"
 * (Yang Shi, 2022-09-07), with the pmd recheck (v6.1 text; the 5.15
 * retraction has the same steps as v6.1's collapse_and_free_pmd()).  The
 * semi-locked walker is smaps_pte_range() of fs/proc/task_mmu.c before
 * v6.5, whose comment says "The mmap_lock held all the way back in
 * m_start() is what keeps khugepaged out of here and from collapsing
 * things in here."
 * tlb_remove_table_sync_one() and tlb_remove_table_smp_sync() are those of
 * torvalds/linux mm/mmu_gather.c @ 06d074298583.
 *
 * Objects: pmd0 maps the PTE table pt of a file vma.  collapse_file() has
 * already unmapped the small pages ("assume page table is clear"), so pt
 * holds no pte.  pml is the pmd lock; pt's split pte lock is pt->ptl
 * (pte_lockptr()).
 *
 * Actors:
 *   P0, CPU0 task: KF, khugepaged retract_page_tables() for the vma mapped
 *       by pmd0 (the i_mmap walk is the one vma; mm_find_pmd() is a model
 *       helper; khugepaged_add_pte_mapped_thp() on trylock failure is left
 *       out).
 *   P1, CPU1 task: Ws, a semi-locked walker: /proc/pid/smaps, m_start()'s
 *       mmap_read_lock(), then walk_pmd_range() -> smaps_pte_range() on
 *       pmd0: pmd_trans_unstable() check, pte_offset_map_lock() (before
 *       v6.5: pte_lockptr() and pte_offset_map() on *pmd, no rcu, no
 *       recheck), smaps_pte_entry() reads the pte, pte_unmap_unlock().
 *       pmd_trans_huge_lock() and the pud/pgd levels are left out.
 *   P2, CPU2 task: Wh, get_user_pages_fast() of one page, FOLL_GET:
 *       lockless_pages_from_mm() with IRQs off around gup_pmd_range() /
 *       gup_pte_range().  Before v6.5 pte_offset_map() took no
 *       rcu_read_lock(), so it is Grace's pte_offset_kernel() on the
 *       walker's local copy of the pmd, and pte_unmap() is nothing.
 *   tlb_remove_table_smp_sync(): IPI handler on CPU1 and CPU2.
 *
 * arm64: MMU_GATHER_RCU_TABLE_FREE, so tlb_remove_table_sync_one() is an
 * IPI, and the TLB flush in pmdp_collapse_flush() is a broadcast TLBI that
 * waits for nobody.
 *
 * Why it passes: Ws holds mmap_read_lock from before its first read of
 * pmd0 until after its last use of pt, so either P0's mmap_write_trylock()
 * fails (P0 then leaves pmd0 alone) or Ws runs entirely before or after
 * the retraction (after it, pmd0 is none and Ws skips it).  Wh reads pmd0
 * and pt with IRQs off; a Wh that saw pmd0 -> pt is still in that section
 * when P0 clears pmd0, and tlb_remove_table_sync_one() waits until CPU2
 * takes the IPI, which it can only do after local_irq_restore(), so pt is
 * freed after Wh is done with it.  The pmd recheck of 70cbc3cc78a9 plays
 * no part here: pt is empty, so Wh pins nothing.
 *
 * Why KF and not KA: PROTOCOLS.md 7.9 asks for one of them; KF is the
 * actor of d-B2, whose fix is this model's IPI.  For KA, the
 * collapse_huge_page() of d-b1-gup-fast-no-pmd-recheck.grace, either fix
 * alone closes d-B1: that model passes with only the pmd recheck added,
 * and with only tlb_remove_table_sync_one() added after
 * pmdp_collapse_flush() (a pin GUP-fast took is then always visible to
 * the refcount check in __collapse_huge_page_isolate()).  So no single
 * line of a KA version of this model carries the safety.
 *
 * Invariants: D-I1, while Ws holds mmap_read_lock and has read pmd0 -> pt,
 * pmd0 does not change and pt is not freed; D-I1' (= C-I1) for Wh, pt is
 * not freed before every GUP-fast walker that read pmd0 -> pt has left its
 * IRQ-off section.  Broken, they show as a use-after-free on pt, or, for
 * Ws, whose pte_offset_map_lock() reads *pmd again, as a lock taken
 * through a pmd that no longer maps a table (violation bug).
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=broadcast
 *)

{
  struct mm_struct mm;
  struct address_space mapping;
  struct page pt;
  pmd_t pmd0 = pt;
  spinlock_t pml;
}

struct address_space {
	unsigned long i_mmap_rwsem;
};

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

/* mm/rmap.c: the pmd mapping the address if it maps a PTE table. */
pmd_t *mm_find_pmd(struct mm_struct *mm, unsigned long address)
{
	pmd_t pmde;

	pmde = READ_ONCE(pmd0);
	if (!pmd_present(pmde) || pmd_trans_huge(pmde))
		return NULL;
	return &pmd0;
}

bool khugepaged_test_exit(struct mm_struct *mm)
{
	return atomic_read(&mm->mm_users) == 0;
}

void retract_page_tables(struct address_space *mapping, unsigned long pgoff)
{
	pmd_t *pmd;
	pmd_t _pmd;

	i_mmap_lock_write(&mapping->i_mmap_rwsem);	/* i_mmap_lock_write(mapping) */
	/* vma_interval_tree_foreach(vma, &mapping->i_mmap, pgoff, pgoff): one vma */
	pmd = mm_find_pmd(&mm, 0);
	if (pmd) {
		/*
		 * We need exclusive mmap_lock to retract page table.
		 *
		 * We use trylock due to lock inversion: we need to acquire
		 * mmap_lock while holding page lock. Fault path does it in
		 * reverse order. Trylock is a way to avoid deadlock.
		 */
		if (mmap_write_trylock(&mm)) {
			if (!khugepaged_test_exit(&mm)) {
				spin_lock(&pml);	/* ptl = pmd_lock(mm, pmd) */
				/* assume page table is clear */
				_pmd = pmdp_collapse_flush(NULL, 0, pmd);
				spin_unlock(&pml);
				/* mm_dec_nr_ptes(mm) */
				tlb_remove_table_sync_one();
				pte_free(&mm, pmd_pgtable(_pmd));
			}
			mmap_write_unlock(&mm);
		}
		/* else khugepaged_add_pte_mapped_thp(mm, addr): try again later */
	}
	i_mmap_unlock_write(&mapping->i_mmap_rwsem);
}

/* split pte lock: ptlock_ptr(page_ptdesc(pmd_page(*pmd))) */
spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	return &pmd_page(*pmd)->ptl;
}

/* before v6.5: the pte lock of the table *pmd maps; no rcu, no recheck */
pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long address,
			   spinlock_t **ptlp)
{
	spinlock_t *__ptl = pte_lockptr(mm, pmd);
	pte_t *__pte = pte_offset_kernel(pmd, address);	/* pte_offset_map(pmd, address) */

	*ptlp = __ptl;
	spin_lock(__ptl);
	return __pte;
}

/* fs/proc/task_mmu.c before v6.5 */
int smaps_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end)
{
	pte_t *pte;
	pte_t ptent;
	spinlock_t *ptl;

	/* ptl = pmd_trans_huge_lock(pmd, vma): no huge pmd here */
	if (pmd_none(*pmd) || pmd_trans_huge(*pmd))	/* pmd_trans_unstable(pmd) */
		return 0;
	/*
	 * The mmap_lock held all the way back in m_start() is what
	 * keeps khugepaged out of here and from collapsing things
	 * in here.
	 */
	pte = pte_offset_map_lock(&mm, pmd, addr, &ptl);
	ptent = ptep_get(pte);			/* smaps_pte_entry(pte, addr, walk) */
	spin_unlock(ptl);			/* pte_unmap_unlock(pte - 1, ptl) */
	return 0;
}

/* FOLL_GET: try_grab_folio() is folio_try_get_rcu(), gup_put_folio() folio_put(). */
struct page *try_grab_folio(struct page *page, int refs, unsigned int flags)
{
	if (!page_cache_get_speculative(page))
		return NULL;
	return page;
}

int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr, unsigned long end,
		  unsigned int flags, struct page **pages, int *nr)
{
	int ret = 0;
	pte_t *ptep;
	pte_t pte;
	struct page *page;
	struct page *folio;

	ptep = pte_offset_kernel(&pmd, addr);	/* ptem = ptep = pte_offset_map(&pmd, addr) */
	do {					/* one pte: addr + PAGE_SIZE == end */
		pte = ptep_get_lockless(ptep);
		if (!pte_present(pte))		/* !pte_access_permitted(pte, flags & FOLL_WRITE) */
			break;			/* goto pte_unmap */
		page = pte_page(pte);
		folio = try_grab_folio(page, 1, flags);
		if (!folio)
			break;
		if (pmd_val(pmd) != pmd_val(*pmdp) ||
		    pte_val(pte) != pte_val(*ptep)) {
			put_page(folio);	/* gup_put_folio(folio, 1, flags) */
			break;
		}
		pages[*nr] = page;
		(*nr)++;
		ret = 1;
	} while (0);
	/* pte_unmap: pte_unmap(ptem), nothing before v6.5 */
	return ret;
}

int gup_pmd_range(pmd_t *pmdp, unsigned long addr, unsigned long end,
		  unsigned int flags, struct page **pages, int *nr)
{
	pmd_t pmd = READ_ONCE(*pmdp);

	if (!pmd_present(pmd))
		return 0;
	if (pmd_trans_huge(pmd))
		return 0;			/* gup_huge_pmd(): no huge pmd here */
	if (!gup_pte_range(pmd, pmdp, addr, end, flags, pages, nr))
		return 0;
	return 1;
}

int lockless_pages_from_mm(unsigned long start, unsigned long end,
			   unsigned int gup_flags, struct page **pages)
{
	unsigned long flags;
	int nr_pinned = 0;

	/*
	 * With interrupts disabled, we block page table pages from being freed
	 * from under us.
	 */
	local_irq_save(flags);
	gup_pmd_range(&pmd0, start, end, gup_flags, pages, &nr_pinned);	/* gup_pgd_range() */
	local_irq_restore(flags);
	return nr_pinned;
}

P0(struct address_space *mapping)
{
	retract_page_tables(mapping, 0);
}

P1(pmd_t *pmd0, struct mm_struct *mm)
{
	/* m_start() ... m_stop(): show_smaps() walks pmd0 */
	mmap_read_lock(mm);
	smaps_pte_range(pmd0, 0, PAGE_SIZE);	/* walk_page_vma() -> walk_pmd_range() */
	mmap_read_unlock(mm);
}

P2(pmd_t *pmd0)
{
	struct page *pages[1];
	int nr;

	/* get_user_pages_fast(start, 1, 0, pages): FOLL_GET */
	nr = lockless_pages_from_mm(0, PAGE_SIZE, 0, pages);
	if (nr)
		put_page(pages[0]);
	/* else: the slow path, get_user_pages_unlocked(), not modelled */
}
