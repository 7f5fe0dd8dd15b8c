C d-b4-no-pmd-same-recheck

(*
 * A pte writer that takes the pte lock without rechecking the pmd, against
 * page-table retraction without mmap lock (PROTOCOLS.md 5.6, variant d-B4,
 * [inferred]).
 *
 * Source: the rule stated in mainline mm/pgtable-generic.c for
 * pte_offset_map_lock() ("When successful, *pmd is rechecked after
 * acquiring the ptlock, and retried internally if it changed: so that a
 * page table can be safely removed or replaced by THP while holding its
 * lock"; "[PATCH 01/12] mm/pgtable: add rcu_read_lock() and
 * rcu_read_unlock()s", Hugh Dickins, 2023-05-28, and the v6.5 series it
 * opens), which 1d65b771bc08 "mm/khugepaged: retract_page_tables() without
 * mmap or vma lock" (Hugh Dickins, v6.6) relies on.  No kernel had both a
 * writer without the recheck and retraction without the mmap lock: this
 * is d-c2-retract-rcu-v6.6.grace with the pmd_same() recheck taken out of
 * __pte_offset_map_lock() and only the two actors that meet in the
 * failure.  retract_page_tables() is the mainline text (with the
 * check_pmd_state() recheck of Qi Zheng's PT_RECLAIM series, Dec 2024);
 * the writer is UFFDIO_COPY, mfill_atomic() -> mfill_atomic_install_pte()
 * of mm/userfaultfd.c (v6.12 era), the racing inserter the retract comment
 * names ("it is still possible for a racing userfaultfd_ioctl() ... to
 * have inserted ptes").
 *
 * Objects: the MAP_PRIVATE file vma maps the empty PTE table pt at pmd0
 * (collapse_file() has unmapped the small pages and holds the new THP's
 * lock); np is the anon page UFFDIO_COPY installs after
 * anon_vma_prepare().  pml0 is pmd0's lock, pt->ptl pt's pte lock.
 *
 * Actors:
 *   P0, CPU0 task: KF, khugepaged retract_page_tables(): i_mmap_lock_read(),
 *       find_pmd_or_thp_or_none(), the retractable check, pmd lock,
 *       check_pmd_state(), pte lock, the retractable recheck (anon_vma),
 *       pmdp_collapse_flush(), unlocks, pte_free_defer() (call_rcu(),
 *       pte_free_now() in softirq on CPU0).
 *   P1, CPU1 task: Wr, UFFDIO_COPY under mmap_read_lock():
 *       anon_vma_prepare(), the pmd checks, then pte_offset_map_lock() =
 *       rcu_read_lock() and a pmd read, the pte lock, and here no pmd_same()
 *       recheck; the pte_none() check and set_pte_at().
 *
 * How the invariant is written: D-I2, no pte is written into a detached
 * table.  The kernel has no check at the point of the write; the mapping
 * of np is simply lost (for an anon page, "BUG: Bad rss-counter state"
 * at exit; Qi Zheng's pte_ref series had pte_free_debug(), BUG_ON() on a
 * pte left in a table being freed).  pt is not freed under the writer
 * (the RCU read side holds it), so the loss becomes final when pt is
 * freed: pte_free_now() WARNs if pt still holds a pte.
 *
 * Shortest failure (PROTOCOLS.md 5.6, d-B4): P0 takes pml0 and pt->ptl and
 * finds the vma retractable (no anon_vma yet); P1 runs anon_vma_prepare()
 * (too late for P0's recheck), reads pmd0 -> pt under rcu_read_lock() and
 * waits for pt->ptl; P0 clears pmd0, unlocks and queues pt with
 * pte_free_defer(); P1 gets pt->ptl, finds the pte none and installs np
 * into the detached pt; after P1's rcu_read_unlock() the grace period ends
 * and pte_free_now() finds np's pte in pt.
 *
 * Invariant broken: D-I2 (no PTE is written into a detached table).  Not a
 * use-after-free: pt is still allocated when P1 writes.
 * Expect: sc: violation warning
 * Expect: tso: violation warning
 * Config: tlb_flush=broadcast
 *)

{
  struct mm_struct mm;
  struct address_space mapping;
  struct anon_vma av;
  struct vm_area_struct file_vma = { .vm_mm = &mm };
  struct page pt;
  pmd_t pmd0 = pt;
  spinlock_t pml0;
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

/* ---- helpers: pmd0's lock, pt's pte lock ---- */

spinlock_t *pmd_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	return &pml0;
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

	pte = ___pte_offset_map(pmd, addr, &pmdval);
	if (!pte)
		return pte;
	ptl = pte_lockptr(mm, &pmdval);
	spin_lock(ptl);
	/*
	 * BUG: no "if (pmd_same(pmdval, pmdp_get_lockless(pmd)))" recheck,
	 * no pte_unmap_unlock() and retry when pmd0 has changed.
	 */
	*ptlp = ptl;
	return pte;
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

/* ---- P1: mm/userfaultfd.c, UFFDIO_COPY into a MAP_PRIVATE file vma ---- */

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

/* ---- threads ---- */

P0(struct address_space *mapping)
{
	retract_page_tables(mapping, 0);
}

P1(struct mm_struct *mm)
{
	mfill_atomic(mm, 0);			/* UFFDIO_COPY: mfill_atomic_copy() */
}
