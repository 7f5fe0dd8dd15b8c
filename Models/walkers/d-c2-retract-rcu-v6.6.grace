C d-c2-retract-rcu-v6.6

(*
 * Page-table retraction from v6.6 on: khugepaged takes neither the mmap
 * lock nor the vma lock; the table is freed by RCU (pte_free_defer()), the
 * lockless walkers hold rcu_read_lock() (pte_offset_map()), every walker
 * that goes on to the pte lock rechecks the pmd after taking it, and
 * mremap rechecks the pmd under its locks (PROTOCOLS.md 5.6, variant d-C2).
 *
 * Sources: 1d65b771bc08 "mm/khugepaged: retract_page_tables() without mmap
 * or vma lock" (Hugh Dickins, v6.6) and retract_page_tables() as in
 * mainline mm/khugepaged.c now, with the check_pmd_state() recheck of
 * "mm: khugepaged: recheck pmd state in retract_page_tables()" (Qi Zheng,
 * PT_RECLAIM series, Dec 2024); the generic pte_free_defer() /
 * pte_free_now() and ___pte_offset_map() / __pte_offset_map_lock() of
 * mainline mm/pgtable-generic.c ("[PATCH 01/12] mm/pgtable: add
 * rcu_read_lock() and rcu_read_unlock()s", Hugh Dickins, 2023-05-28);
 * gup_fast() / gup_fast_pte_range() of mainline mm/gup.c (pmd recheck of
 * 70cbc3cc78a9 "mm: gup: fix the fast GUP race against THP collapse");
 * move_normal_pmd() with the "Racing with collapse?" recheck of
 * 6fa1066fc5d0 "mm/mremap: fix move_normal_pmd/retract_page_tables race"
 * (Jann Horn, David Hildenbrand, 2024-10-07); the UFFDIO_COPY path
 * mfill_atomic() -> mfill_atomic_install_pte() of mm/userfaultfd.c (v6.12
 * era), without the two BUG_ON()s on *dst_pmd (none, trans_huge) that
 * "[PATCH v2 2/2] userfaultfd: Don't BUG_ON() if khugepaged yanks our page
 * table" (Jann Horn, 2024-08-13; Fixes 1d65b771bc08; not in PROTOCOLS.md
 * 8) removed.
 *
 * Objects: the file vma of process A maps the PTE table pt at pmd0; pmd1
 * is the empty pmd that A's mremap moves the table to.  collapse_file()
 * has copied the small pages into the new THP, unmapped them and still
 * holds the THP's folio lock, so pt is empty and page faults that would
 * map the file into pt wait (left out).  The vma is MAP_PRIVATE: a
 * UFFDIO_COPY into it installs an anonymous page, np, after
 * anon_vma_prepare().  pml0 and pml1 are the pmd locks of pmd0 and pmd1;
 * pt's split pte lock is pt->ptl (pte_lockptr()).
 *
 * Actors:
 *   P0, CPU0 task: KF, khugepaged (or MADV_COLLAPSE in process B)
 *       retract_page_tables() reaching A's vma through the i_mmap tree:
 *       i_mmap_lock_read(), find_pmd_or_thp_or_none(), the retractable
 *       check, pmd lock, check_pmd_state() recheck, pte lock, the
 *       retractable recheck, pmdp_collapse_flush(), unlocks,
 *       pte_free_defer().  pmdp_get_lockless_sync() is nothing on 64-bit;
 *       the mmu notifiers and page_table_check are left out.
 *   P1, CPU1 task: Wr, an RCU-only reader: the start of a page fault on
 *       A's vma, handle_pte_fault(): pte_offset_map_rw_nolock() (an
 *       rcu_read_lock()ed pmd read), ptep_get_lockless(), pte_unmap().
 *       What follows (do_pte_missing(), which needs the folio lock KF
 *       holds) is left out.
 *   P2, CPU2 task: Wr, a pte writer: UFFDIO_COPY by A's userfaultfd
 *       manager: mfill_atomic() under mmap_read_lock(), anon_vma_prepare(),
 *       the pmd checks, mfill_atomic_install_pte(): pte_offset_map_lock()
 *       (recheck pmd_same() under the pte lock), the pte_none() check,
 *       set_pte_at().  If pmd0 is already none, mfill_atomic() would
 *       __pte_alloc() a fresh table; the model stops there instead.
 *   P3, CPU3 task: Wh, get_user_pages_fast() of one page (FOLL_GET):
 *       gup_fast() with IRQs off, gup_fast_pmd_range() /
 *       gup_fast_pte_range() with pte_offset_map() on its pmd copy, the pin
 *       and the pmd and pte rechecks.
 *   P4, CPU4 task: MR, A's mremap() moving the page table:
 *       mmap_write_lock(), move_page_tables(): get_old_pmd(), the pmd type
 *       decision, then move_pgt_entry(NORMAL_PMD): take_rmap_locks()
 *       (i_mmap_lock_write()), move_normal_pmd(), drop_rmap_locks().  The
 *       vma bookkeeping of move_vma() is left out.
 *   pte_free_now(): RCU callback, softirq on CPU0.
 *
 * arm64: broadcast TLB flush, so nothing but RCU protects the IRQ-off
 * walker.
 *
 * How the invariants are written: a read or write of a pte of pt after pt
 * was freed is a use-after-free (D-I1').  D-I2, no pte is written into a
 * detached table, has no mainline check (the mapping is silently lost;
 * for an anon page the mm's rss counter then trips "BUG: Bad rss-counter
 * state" at exit); it is stated where the loss becomes final:
 * pte_free_now() WARNs if the table it frees still holds a pte, as
 * pte_free_debug() of Qi Zheng's pte_ref series did with BUG_ON().  (pt is
 * never freed under the writer: its RCU read side holds pt.)  D-I5,
 * mremap never moves a stale pmd value, has no kernel check either (before
 * 6fa1066fc5d0 the kernel went on and pmd_populate() installed pfn 0 as a
 * page table; Grace's pmd_pgtable() of a none pmd is NULL and installs
 * nothing): an assert() before pmd_populate() states it.
 *
 * Why it passes: pt is freed only by the RCU callback, after every reader
 * that could have read pmd0 -> pt has left rcu_read_lock() (P1, P2) or its
 * IRQ-off section (P3, an RCU reader under consolidated RCU).  P2 writes
 * into pt only under pt->ptl after pmd_same(), and P0 clears pmd0 under
 * pt->ptl; P2 sets vma->anon_vma before taking pt->ptl and P0 rechecks it
 * under pt->ptl, so P0 never retracts a table P2 has written into.  P4
 * rereads pmd0 under pml0 after i_mmap_lock_write(), which P0's
 * i_mmap_lock_read() excludes, so it moves pt only if pt is still there.
 * P3's IRQ-off section matters even with pte_offset_map()'s
 * rcu_read_lock(): that lock is taken after gup_fast_pmd_range() has read
 * pmd0, and only the IRQ-off section spans both reads.
 *
 * Not load-bearing in this model (removing them still passes): the
 * check_pmd_state() recheck under the pmd lock (it guards against an
 * empty table freed meanwhile by MADV_DONTNEED's PT_RECLAIM, an actor left
 * out here; mremap cannot clear pmd0 in between, its rmap lock excludes
 * P0's whole walk), and mremap's take_rmap_locks() against P0 (the
 * "Racing with collapse?" recheck under pml0 suffices against it).
 *
 * Invariants: D-I1', D-I2, D-I5 (and D-I3: no walker uses pt through
 * pmd0 after pmd0 changed: P2 and P3 back off on their rechecks).
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=broadcast
 *)

{
  struct mm_struct mm;
  struct address_space mapping;
  struct anon_vma av;
  struct vm_area_struct file_vma = { .vm_mm = &mm };
  struct page pt;
  pmd_t pmd0 = pt;
  pmd_t pmd1;
  spinlock_t pml0;
  spinlock_t pml1;
  struct page np = { ._mapcount = -1 };
}

struct address_space {
	unsigned long i_mmap_rwsem;
};

struct anon_vma {
	int refcount;
};

struct vm_area_struct {
	struct mm_struct *vm_mm;
	struct anon_vma *anon_vma;
};

/* ---- helpers: locks of the two pmds, pt's pte lock ---- */

spinlock_t *pmd_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	if (pmd == &pmd0)
		return &pml0;
	return &pml1;
}

spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd)
{
	spinlock_t *ptl = pmd_lockptr(mm, pmd);

	spin_lock(ptl);
	return ptl;
}

/* split pte lock: ptlock_ptr(page_ptdesc(pmd_page(*pmd))) */
spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	return &pmd_page(*pmd)->ptl;
}

/* ---- mm/pgtable-generic.c ---- */

void pte_free_now(struct rcu_head *head)
{
	struct page *page;

	page = container_of(head, struct page, rcu_head);
	/* D-I2: nothing was mapped into the table after it was detached */
	WARN_ON_ONCE(!pte_none(ptep_get((pte_t *)page_address(page))));
	pte_free(NULL /* mm not passed and not used */, page);
}

void pte_free_defer(struct mm_struct *mm, pgtable_t pgtable)
{
	struct page *page;

	page = pgtable;
	call_rcu(&page->rcu_head, pte_free_now);
}

pte_t *___pte_offset_map(pmd_t *pmd, unsigned long addr, pmd_t *pmdvalp)
{
	pmd_t pmdval;

	rcu_read_lock();
	pmdval = pmdp_get_lockless(pmd);	/* pmdp_get_lockless_start/end: nothing on 64-bit */
	if (pmdvalp)
		*pmdvalp = pmdval;
	if (pmd_none(pmdval) || pmd_trans_huge(pmdval)) {
		rcu_read_unlock();		/* nomap */
		return NULL;
	}
	return pte_offset_kernel(&pmdval, addr);	/* __pte_map(&pmdval, addr) */
}

pte_t *__pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd,
			     unsigned long addr, spinlock_t **ptlp)
{
	spinlock_t *ptl;
	pmd_t pmdval;
	pte_t *pte;

	while (1) {				/* again: */
		pte = ___pte_offset_map(pmd, addr, &pmdval);
		if (!pte)
			return pte;
		ptl = pte_lockptr(mm, &pmdval);
		spin_lock(ptl);
		if (pmd_same(pmdval, pmdp_get_lockless(pmd))) {
			*ptlp = ptl;
			return pte;
		}
		spin_unlock(ptl);		/* pte_unmap_unlock(pte, ptl) */
		pte_unmap(pte);
	}					/* goto again */
}

/* ---- P0: mm/khugepaged.c ---- */

bool file_backed_vma_is_retractable(struct vm_area_struct *vma)
{
	/*
	 * Check vma->anon_vma to exclude MAP_PRIVATE mappings that
	 * got written to.
	 */
	if (READ_ONCE(vma->anon_vma))
		return false;
	/* userfaultfd_wp(vma) and guard regions: not here */
	return true;
}

/* 0 = SCAN_SUCCEED */
int check_pmd_state(pmd_t *pmd)
{
	pmd_t pmde = pmdp_get_lockless(pmd);

	if (pmd_none(pmde))
		return 1;			/* SCAN_PMD_NONE */
	if (pmd_trans_huge(pmde))
		return 2;			/* SCAN_PMD_MAPPED */
	return 0;
}

int find_pmd_or_thp_or_none(struct mm_struct *mm, unsigned long address, pmd_t **pmd)
{
	*pmd = &pmd0;				/* mm_find_pmd(mm, address) */
	return check_pmd_state(*pmd);
}

bool collapse_test_exit(struct mm_struct *mm)
{
	return atomic_read(&mm->mm_users) == 0;
}

void retract_page_tables(struct address_space *mapping, unsigned long pgoff)
{
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	pmd_t *pmd;
	pmd_t pgt_pmd;
	spinlock_t *pml;
	spinlock_t *ptl;
	bool success = false;

	i_mmap_lock_read(&mapping->i_mmap_rwsem);	/* i_mmap_lock_read(mapping) */
	/* vma_interval_tree_foreach(vma, &mapping->i_mmap, pgoff, pgoff): A's vma */
	do {
		vma = &file_vma;
		mm = vma->vm_mm;
		if (find_pmd_or_thp_or_none(mm, 0, &pmd) != 0)
			break;			/* continue */
		if (collapse_test_exit(mm))
			break;
		if (!file_backed_vma_is_retractable(vma))
			break;

		pml = pmd_lock(mm, pmd);
		/*
		 * The lock of new_folio is still held, we will be blocked in
		 * the page fault path, which prevents the pte entries from
		 * being set again. So even though the old empty PTE page may be
		 * concurrently freed and a new PTE page is filled into the pmd
		 * entry, it is still empty and can be removed.
		 *
		 * So here we only need to recheck if the state of pmd entry
		 * still meets our requirements, rather than checking pmd_same()
		 * like elsewhere.
		 */
		if (check_pmd_state(pmd) == 0) {	/* else goto drop_pml */
			ptl = pte_lockptr(mm, pmd);
			if (ptl != pml)
				spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
			/*
			 * Huge page lock is still held, so normally the page table must
			 * remain empty; and we have already skipped anon_vma and
			 * userfaultfd_wp() vmas.  But since the mmap_lock is not held,
			 * it is still possible for a racing userfaultfd_ioctl() or
			 * madvise() to have inserted ptes or markers.  Now that we hold
			 * ptlock, repeating the retractable checks protects us from
			 * races against the prior checks.
			 */
			if (file_backed_vma_is_retractable(vma)) {
				pgt_pmd = pmdp_collapse_flush(NULL, 0, pmd);
				/* pmdp_get_lockless_sync(): nothing on 64-bit */
				success = true;
			}
			if (ptl != pml)
				spin_unlock(ptl);
		}
		spin_unlock(pml);		/* drop_pml: */

		if (success) {
			/* mm_dec_nr_ptes(mm); page_table_check_pte_clear_range() */
			pte_free_defer(mm, pmd_pgtable(pgt_pmd));
		}
	} while (0);
	i_mmap_unlock_read(&mapping->i_mmap_rwsem);
}

/* ---- P2: mm/userfaultfd.c, UFFDIO_COPY into a MAP_PRIVATE file vma ---- */

/* mm/rmap.c __anon_vma_prepare(): the anon_vma is installed under page_table_lock */
int anon_vma_prepare(struct vm_area_struct *vma)
{
	if (READ_ONCE(vma->anon_vma))
		return 0;
	spin_lock(&mm.page_table_lock);
	if (!vma->anon_vma)
		WRITE_ONCE(vma->anon_vma, &av);
	spin_unlock(&mm.page_table_lock);
	return 0;
}

int mfill_atomic_install_pte(pmd_t *dst_pmd, struct vm_area_struct *dst_vma,
			     unsigned long dst_addr, struct page *page)
{
	int ret;
	pte_t _dst_pte;
	pte_t *dst_pte;
	spinlock_t *ptl;

	_dst_pte = mk_pte(page, 0);		/* mk_pte(page, dst_vma->vm_page_prot), dirty, writable */

	ret = -11;				/* -EAGAIN */
	dst_pte = __pte_offset_map_lock(&mm, dst_pmd, dst_addr, &ptl);	/* pte_offset_map_lock() */
	if (!dst_pte)
		return ret;			/* goto out */

	/* mfill_file_over_size(): not here */
	ret = -17;				/* -EEXIST */
	if (pte_none(ptep_get(dst_pte))) {	/* !pte_none_mostly(): goto out_unlock */
		atomic_set(&page->_mapcount, 0);	/* folio_add_new_anon_rmap(folio, dst_vma, dst_addr) */
		/* inc_mm_counter(dst_mm, mm_counter(folio)) */
		set_pte_at(&mm, dst_addr, dst_pte, _dst_pte);
		ret = 0;
	}
	spin_unlock(ptl);			/* out_unlock: pte_unmap_unlock(dst_pte, ptl) */
	pte_unmap(dst_pte);
	return ret;
}

int mfill_atomic(struct mm_struct *dst_mm, unsigned long dst_start)
{
	pmd_t *dst_pmd;
	pmd_t dst_pmdval;
	int err;

	mmap_read_lock(dst_mm);
	err = -12;				/* -ENOMEM */
	/* !(dst_vma->vm_flags & VM_SHARED) */
	if (anon_vma_prepare(&file_vma) == 0) {
		do {				/* one page */
			dst_pmd = &pmd0;	/* mm_alloc_pmd(dst_mm, dst_addr) */
			dst_pmdval = pmdp_get_lockless(dst_pmd);
			if (pmd_none(dst_pmdval))
				break;		/* __pte_alloc(dst_mm, dst_pmd): not modelled */
			/*
			 * If the dst_pmd is THP don't override it and just be strict.
			 */
			err = -17;		/* -EEXIST */
			if (!pmd_present(dst_pmdval) || pmd_trans_huge(dst_pmdval))
				break;
			/*
			 * For shmem mappings, khugepaged is allowed to remove page
			 * tables under us; pte_offset_map_lock() will deal with that.
			 */
			/* mfill_atomic_pte() -> mfill_atomic_pte_copy(): np is the new folio */
			err = mfill_atomic_install_pte(dst_pmd, &file_vma, dst_start, &np);
		} while (0);
	}
	mmap_read_unlock(dst_mm);
	return err;
}

/* ---- P3: mm/gup.c ---- */

/* FOLL_GET: try_grab_folio_fast() is folio_try_get(), gup_put_folio() folio_put(). */
struct page *try_grab_folio_fast(struct page *page, int refs, unsigned int flags)
{
	if (!page_cache_get_speculative(page))
		return NULL;
	return page;
}

int gup_fast_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		       unsigned long end, unsigned int flags, struct page **pages, int *nr)
{
	int ret = 0;
	pte_t *ptep;
	pte_t pte;
	struct page *page;
	struct page *folio;

	ptep = pte_offset_map(&pmd, addr);	/* ptem = ptep */
	if (!ptep)
		return 0;
	do {					/* one pte: addr + PAGE_SIZE == end */
		pte = ptep_get_lockless(ptep);
		if (!pte_present(pte))		/* !pte_access_permitted(pte, flags & FOLL_WRITE) */
			break;			/* goto pte_unmap */
		page = pte_page(pte);
		folio = try_grab_folio_fast(page, 1, flags);
		if (!folio)
			break;
		if (pmd_val(pmd) != pmd_val(*pmdp) ||
		    pte_val(pte) != pte_val(ptep_get(ptep))) {
			put_page(folio);	/* gup_put_folio(folio, 1, flags) */
			break;
		}
		pages[*nr] = page;
		(*nr)++;
		ret = 1;
	} while (0);
	pte_unmap(ptep);			/* pte_unmap: pte_unmap(ptem) */
	return ret;
}

int gup_fast_pmd_range(pmd_t *pmdp, unsigned long addr, unsigned long end,
		       unsigned int flags, struct page **pages, int *nr)
{
	pmd_t pmd = pmdp_get_lockless(pmdp);

	if (!pmd_present(pmd))
		return 0;
	if (pmd_trans_huge(pmd))
		return 0;			/* gup_fast_pmd_leaf(): no huge pmd here */
	if (!gup_fast_pte_range(pmd, pmdp, addr, end, flags, pages, nr))
		return 0;
	return 1;
}

int gup_fast(unsigned long start, unsigned long end, unsigned int gup_flags,
	     struct page **pages)
{
	unsigned long flags;
	int nr_pinned = 0;

	/*
	 * Disable interrupts. The nested form is used, in order to allow full,
	 * general purpose use of this routine.
	 *
	 * With interrupts disabled, we block page table pages from being freed
	 * from under us. See struct mmu_table_batch comments in
	 * include/asm-generic/tlb.h for more details.
	 */
	local_irq_save(flags);
	gup_fast_pmd_range(&pmd0, start, end, gup_flags, pages, &nr_pinned);	/* gup_fast_pgd_range() */
	local_irq_restore(flags);
	return nr_pinned;
}

/* ---- P4: mm/mremap.c ---- */

bool move_normal_pmd(struct vm_area_struct *vma, unsigned long old_addr,
		     unsigned long new_addr, pmd_t *old_pmd, pmd_t *new_pmd)
{
	spinlock_t *old_ptl;
	spinlock_t *new_ptl;
	bool res = false;
	pmd_t pmd;

	/*
	 * The destination pmd shouldn't be established, free_pgtables()
	 * should have released it.
	 */
	if (WARN_ON_ONCE(!pmd_none(*new_pmd)))
		return false;

	/*
	 * We don't have to worry about the ordering of src and dst
	 * ptlocks because exclusive mmap_lock prevents deadlock.
	 */
	old_ptl = pmd_lock(&mm, old_pmd);
	new_ptl = pmd_lockptr(&mm, new_pmd);
	if (new_ptl != old_ptl)
		spin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);

	pmd = *old_pmd;

	/* Racing with collapse? */
	if (pmd_present(pmd) && !pmd_leaf(pmd)) {	/* else goto out_unlock */
		/* Clear the pmd */
		pmd_clear(old_pmd);
		res = true;

		VM_BUG_ON(!pmd_none(*new_pmd));

		/* D-I5: what is moved is the page table read under the locks */
		assert(pmd_present(pmd) && !pmd_leaf(pmd));
		pmd_populate(&mm, new_pmd, pmd_pgtable(pmd));
		flush_tlb_range(vma, old_addr, old_addr + PAGE_SIZE * PTRS_PER_PTE);	/* + PMD_SIZE */
	}
	if (new_ptl != old_ptl)			/* out_unlock: */
		spin_unlock(new_ptl);
	spin_unlock(old_ptl);

	return res;
}

/* move_pgt_entry(NORMAL_PMD, ..., need_rmap_locks = true) */
bool move_pgt_entry(struct vm_area_struct *vma, unsigned long old_addr,
		    unsigned long new_addr, pmd_t *old_pmd, pmd_t *new_pmd)
{
	bool moved;

	i_mmap_lock_write(&mapping.i_mmap_rwsem);	/* take_rmap_locks(vma) */
	moved = move_normal_pmd(vma, old_addr, new_addr, old_pmd, new_pmd);
	i_mmap_unlock_write(&mapping.i_mmap_rwsem);	/* drop_rmap_locks(vma) */
	return moved;
}

void move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
		      unsigned long new_addr)
{
	pmd_t *old_pmd;
	pmd_t *new_pmd;

	/* one PMD_SIZE extent */
	old_pmd = &pmd0;			/* get_old_pmd(): pmd_offset() */
	if (pmd_none(*old_pmd))
		return;				/* continue */
	new_pmd = &pmd1;			/* alloc_new_pmd() */
	if (pmd_trans_huge(*old_pmd))
		return;				/* move_pgt_entry(HPAGE_PMD, ...) / split: not here */
	/* CONFIG_HAVE_MOVE_PMD && extent == PMD_SIZE */
	if (move_pgt_entry(vma, old_addr, new_addr, old_pmd, new_pmd))
		return;				/* continue */
	/* if (pmd_none(*old_pmd)) continue; pte_alloc() + move_ptes(): the
	 * PTE-level fallback, not modelled */
}

/* ---- threads ---- */

P0(struct address_space *mapping)
{
	retract_page_tables(mapping, 0);
}

P1(pmd_t *pmd0)
{
	pte_t *pte;
	pte_t orig_pte;

	/* handle_pte_fault(): a regular pmd is established, but shmem or file
	 * collapse could still morph it: pte_offset_map_rw_nolock() */
	pte = ___pte_offset_map(pmd0, 0, NULL);
	if (!pte)
		return;				/* return 0: retry the fault */
	orig_pte = ptep_get_lockless(pte);
	pte_unmap(pte);
}

P2(struct mm_struct *mm)
{
	mfill_atomic(mm, 0);			/* UFFDIO_COPY: mfill_atomic_copy() */
}

P3(pmd_t *pmd0)
{
	struct page *pages[1];
	int nr;

	/* get_user_pages_fast(start, 1, 0, pages): FOLL_GET */
	nr = gup_fast(0, PAGE_SIZE, 0, pages);
	if (nr)
		put_page(pages[0]);
	/* else: the slow path, not modelled */
}

P4(struct mm_struct *mm, struct vm_area_struct *file_vma)
{
	mmap_write_lock(mm);			/* mremap() */
	move_page_tables(file_vma, 0, PAGE_SIZE * PTRS_PER_PTE);	/* move_vma(): old_addr -> new_addr = + PMD_SIZE */
	mmap_write_unlock(mm);
}
