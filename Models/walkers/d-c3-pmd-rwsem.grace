C d-c3-pmd-rwsem

(*
 * Jason Gunthorpe's proposal: a reader/writer lock in the PMD, "read means
 * a table cannot become a leaf" (PROTOCOLS.md 5.6, variant d-C3).  Never
 * implemented: the lock's helpers and where the walkers take it are
 * [synthetic]; everything else follows kernel code.
 *
 * Source: "Re: [PATCH v3 00/15] Free user PTE page table pages", linux-kernel,
 * 2021-11-10 (PROTOCOLS.md 8, S39): Jason Gunthorpe: "Perhaps the ideal
 * thing would be to stick a rwsem in the PMD. read means a table cannot
 * become a leaf."; "the case where a non-leaf PMD is transformed to a leaf
 * PMD has to take the lock"; the lock "allows either concurrent read
 * access OR concurrent PTL access, but not both" (Matthew Wilcox's
 * red-blue lock), sketched with atomic_inc_unless_negative() /
 * atomic_dec_unless_positive().  The converter is
 * collapse_pte_mapped_thp(mm, addr, install_pmd = true) of mainline
 * mm/khugepaged.c (as MADV_COLLAPSE calls it after collapse_file()), run
 * without mmap lock as since 1d65b771bc08, with the red-blue lock in place
 * of RCU: it frees the table at once with pte_free().  The semi-locked
 * walker is the UFFDIO_COPY path of mm/userfaultfd.c before v6.5, whose
 * two BUG_ON()s, that *dst_pmd is neither none nor trans_huge, are the
 * kernel's own statement of "a table cannot become a leaf (or go away)
 * under me"; "[PATCH v2 2/2] userfaultfd: Don't BUG_ON() if khugepaged
 * yanks our page table" (Jann Horn, 2024-08-13; not in PROTOCOLS.md 8)
 * removed them once retract no longer took the mmap lock.  The GUP-fast
 * walker is gup_fast() of v6.x.
 *
 * The lock [synthetic, after Jason's sketch]: pmd0_rb counts readers when
 * positive, converters when negative.  A reader enters with
 * atomic_inc_unless_negative() and backs off (falls back) when a conversion
 * is in progress; a converter enters with atomic_dec_unless_positive() and
 * gives up (retries later, as khugepaged does) while readers are inside.
 * [inferred] The "PTL access" side of the quote is read as the side that
 * changes the pmd (under the pmd and pte locks); a walker that writes
 * ptes under the pte lock, like P1, does so on the read side, since it
 * needs the table to stay in place.
 *
 * Objects: pmd0 maps the PTE table pt of a MAP_PRIVATE file vma; hpage is
 * the new file THP collapse_file() has put in the page cache (locked, so
 * page faults that would map the file wait: left out).  np is the anon
 * page a UFFDIO_COPY installs.  pml0 is pmd0's lock, pt->ptl pt's pte
 * lock.
 *
 * Actors:
 *   P0, CPU0 task: KF, collapse_pte_mapped_thp() with install_pmd: under
 *       the write side, find_pmd_or_thp_or_none(), step 1 (all ptes none or
 *       in hpage, under pte_offset_map_lock()), step 4 (pmd lock + pte
 *       lock, pmdp_collapse_flush(), pte_free()), step 5 (set_huge_pmd():
 *       pmd0 becomes a leaf mapping hpage).  The rmap and refcount steps 2
 *       and 3 have nothing to do (no pte maps hpage yet).
 *   P1, CPU1 task: Ws, UFFDIO_COPY: mfill_atomic() under mmap_read_lock()
 *       and the read side: the pmd checks and BUG_ON()s, then
 *       mfill_atomic_install_pte() (pte_offset_map_lock() before v6.5: no
 *       rcu, no recheck), set_pte_at().
 *   P2, CPU2 task: Wh, get_user_pages_fast() (FOLL_GET): IRQs off and the
 *       read side around gup_fast_pmd_range() / gup_fast_pte_range();
 *       pte_offset_map() on its pmd copy.
 *
 * arm64: broadcast TLB flush, so neither the flush nor an IPI waits for
 * P2; the free is not deferred.  Only the red-blue lock protects the
 * walkers.
 *
 * Checks: a pte access to a freed table is a use-after-free (D-I1); the
 * BUG_ON()s in P1 state D-I3 (no walker uses a table after the pmd
 * stopped naming it, in particular after it became a leaf); step 1 of
 * collapse keeps D-I2 (a table with a foreign pte is not retracted).
 *
 * Why it passes: P0 changes pmd0 and frees pt only while pmd0_rb is
 * negative; P1 and P2 read pmd0 and use pt only while it is positive, so
 * a walker sees pmd0 -> pt unchanged from its first read to its last use,
 * or sees the leaf (and backs off), or fails to enter.  If P1 mapped np
 * before P0 got the write side, step 1 finds it and P0 leaves pmd0 alone.
 *
 * Invariants: D-I1 (in its strong, pre-v6.6 form, without any mmap lock
 * in the converter), D-I2, D-I3.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=broadcast
 *)

{
  struct mm_struct mm;
  struct page pt;
  pmd_t pmd0 = pt;
  atomic_t pmd0_rb = ATOMIC_INIT(0);
  spinlock_t pml0;
  struct page hpage;
  struct page np = { ._mapcount = -1 };
}

/* ---- include/linux/atomic: the generic forms ---- */

bool atomic_inc_unless_negative(atomic_t *v)
{
	int c = atomic_read(v);

	do {
		if (c < 0)
			return false;
	} while (!atomic_try_cmpxchg(v, &c, c + 1));
	return true;
}

bool atomic_dec_unless_positive(atomic_t *v)
{
	int c = atomic_read(v);

	do {
		if (c > 0)
			return false;
	} while (!atomic_try_cmpxchg(v, &c, c - 1));
	return true;
}

/* ---- the PMD red-blue lock [synthetic] ---- */

bool pmd_table_read_trylock(atomic_t *rb)
{
	return atomic_inc_unless_negative(rb);
}

void pmd_table_read_unlock(atomic_t *rb)
{
	atomic_dec(rb);
}

bool pmd_table_write_trylock(atomic_t *rb)
{
	return atomic_dec_unless_positive(rb);
}

void pmd_table_write_unlock(atomic_t *rb)
{
	atomic_inc(rb);
}

/* ---- helpers ---- */

spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd)
{
	spin_lock(&pml0);
	return &pml0;
}

/* split pte lock: ptlock_ptr(page_ptdesc(pmd_page(*pmd))) */
spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	return &pmd_page(*pmd)->ptl;
}

/* before v6.5: no rcu, no recheck */
pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long address,
			   spinlock_t **ptlp)
{
	spinlock_t *__ptl = pte_lockptr(mm, pmd);
	pte_t *__pte = pte_offset_kernel(pmd, address);	/* pte_offset_map(pmd, address) */

	*ptlp = __ptl;
	spin_lock(__ptl);
	return __pte;
}

/* ---- P0: mm/khugepaged.c ---- */

/* 0 = SCAN_SUCCEED, 1 = SCAN_PMD_NONE, 2 = SCAN_PMD_MAPPED */
int find_pmd_or_thp_or_none(struct mm_struct *mm, unsigned long address, pmd_t **pmd)
{
	pmd_t pmde;

	*pmd = &pmd0;				/* mm_find_pmd(mm, address) */
	pmde = pmdp_get_lockless(*pmd);		/* check_pmd_state() */
	if (pmd_none(pmde))
		return 1;
	if (pmd_trans_huge(pmde))
		return 2;
	return 0;
}

void set_huge_pmd(pmd_t *pmdp, struct page *hpage)
{
	spinlock_t *ptl;

	ptl = pmd_lock(&mm, pmdp);
	/* folio_add_file_rmap_pmd(); add_mm_counter() */
	set_pmd_at(&mm, 0, pmdp, mk_huge_pmd(hpage, 0));	/* maybe_pmd_mkwrite(pmd_mkdirty()) */
	spin_unlock(ptl);
}

void collapse_pte_mapped_thp(struct mm_struct *mm, unsigned long haddr, bool install_pmd)
{
	pmd_t *pmd;
	pmd_t pgt_pmd;
	pte_t *start_pte;
	pte_t ptent;
	spinlock_t *pml;
	spinlock_t *ptl;
	int result;

	/* [synthetic] a table -> leaf conversion takes the write side */
	if (!pmd_table_write_trylock(&pmd0_rb))
		return;				/* SCAN_FAIL: khugepaged retries later */

	result = find_pmd_or_thp_or_none(mm, haddr, &pmd);
	if (result == 0) {
		start_pte = pte_offset_map_lock(mm, pmd, haddr, &ptl);
		/* step 1: check all mapped PTEs are to the right huge page */
		ptent = ptep_get(start_pte);
		spin_unlock(ptl);		/* pte_unmap_unlock(start_pte, ptl) */
		if (!pte_none(ptent) && pte_page(ptent) != &hpage) {
			pmd_table_write_unlock(&pmd0_rb);
			return;			/* SCAN_PAGE_COMPOUND: goto abort */
		}
		/* steps 2 and 3: no pte maps hpage yet */

		/* step 4: remove empty page table */
		pml = pmd_lock(mm, pmd);
		ptl = pte_lockptr(mm, pmd);
		if (ptl != pml)
			spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);
		pgt_pmd = pmdp_collapse_flush(NULL, haddr, pmd);
		if (ptl != pml)
			spin_unlock(ptl);
		spin_unlock(pml);
		/* mm_dec_nr_ptes(mm) */
		pte_free(mm, pmd_pgtable(pgt_pmd));	/* was pte_free_defer(): no reader can hold pt */
		result = 1;
	}
	if (result == 1 && install_pmd)		/* maybe_install_pmd: */
		set_huge_pmd(pmd, &hpage);	/* step 5: install pmd entry */

	pmd_table_write_unlock(&pmd0_rb);
}

/* ---- P1: mm/userfaultfd.c before v6.5 ---- */

int mfill_atomic_install_pte(pmd_t *dst_pmd, unsigned long dst_addr, struct page *page)
{
	int ret;
	pte_t _dst_pte;
	pte_t *dst_pte;
	spinlock_t *ptl;

	_dst_pte = mk_pte(page, 0);		/* mk_pte(page, dst_vma->vm_page_prot), dirty, writable */
	dst_pte = pte_offset_map_lock(&mm, dst_pmd, dst_addr, &ptl);
	ret = -17;				/* -EEXIST */
	if (pte_none(ptep_get(dst_pte))) {	/* !pte_none_mostly(*dst_pte): goto out_unlock */
		atomic_set(&page->_mapcount, 0);	/* page_add_new_anon_rmap() */
		set_pte_at(&mm, dst_addr, dst_pte, _dst_pte);
		ret = 0;
	}
	spin_unlock(ptl);			/* out_unlock: pte_unmap_unlock(dst_pte, ptl) */
	return ret;
}

int mfill_atomic(struct mm_struct *dst_mm, unsigned long dst_addr)
{
	pmd_t *dst_pmd;
	pmd_t dst_pmdval;
	int err;

	mmap_read_lock(dst_mm);
	/* anon_vma_prepare(dst_vma): MAP_PRIVATE */
	dst_pmd = &pmd0;			/* mm_alloc_pmd(dst_mm, dst_addr) */
	err = -11;				/* -EAGAIN */
	/* [synthetic] the table cannot become a leaf while we use it */
	if (pmd_table_read_trylock(&pmd0_rb)) {
		do {
			dst_pmdval = pmdp_get_lockless(dst_pmd);	/* pmd_read_atomic(dst_pmd) */
			/*
			 * If the dst_pmd is mapped as THP don't
			 * override it and just be strict.
			 */
			err = -17;		/* -EEXIST */
			if (pmd_trans_huge(dst_pmdval))
				break;
			err = -12;		/* -ENOMEM */
			if (pmd_none(dst_pmdval))
				break;		/* __pte_alloc(dst_mm, dst_pmd): not modelled */
			/* If an huge pmd materialized from under us fail */
			err = -14;		/* -EFAULT */
			if (pmd_trans_huge(*dst_pmd))
				break;

			BUG_ON(pmd_none(*dst_pmd));
			BUG_ON(pmd_trans_huge(*dst_pmd));

			/* mfill_atomic_pte() -> mcopy_atomic_pte(): np is the new page */
			err = mfill_atomic_install_pte(dst_pmd, dst_addr, &np);
		} while (0);
		pmd_table_read_unlock(&pmd0_rb);
	}
	mmap_read_unlock(dst_mm);
	return err;
}

/* ---- P2: mm/gup.c ---- */

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
	do {					/* one pte */
		pte = ptep_get_lockless(ptep);
		if (!pte_present(pte))		/* !pte_access_permitted() */
			break;
		page = pte_page(pte);
		folio = try_grab_folio_fast(page, 1, flags);
		if (!folio)
			break;
		if (pmd_val(pmd) != pmd_val(*pmdp) ||
		    pte_val(pte) != pte_val(ptep_get(ptep))) {
			put_page(folio);	/* gup_put_folio() */
			break;
		}
		pages[*nr] = page;
		(*nr)++;
		ret = 1;
	} while (0);
	pte_unmap(ptep);
	return ret;
}

int gup_fast(unsigned long start, unsigned long end, unsigned int gup_flags,
	     struct page **pages)
{
	unsigned long flags;
	int nr_pinned = 0;
	pmd_t pmd;

	local_irq_save(flags);
	/* [synthetic] the table cannot become a leaf while we use it */
	if (pmd_table_read_trylock(&pmd0_rb)) {
		pmd = pmdp_get_lockless(&pmd0);	/* gup_fast_pgd_range() ... gup_fast_pmd_range() */
		if (pmd_present(pmd) && !pmd_trans_huge(pmd))
			gup_fast_pte_range(pmd, &pmd0, start, end, gup_flags, pages, &nr_pinned);
		/* gup_fast_pmd_leaf() for a huge pmd: not modelled */
		pmd_table_read_unlock(&pmd0_rb);
	}
	local_irq_restore(flags);
	return nr_pinned;
}

/* ---- threads ---- */

P0(struct mm_struct *mm)
{
	/* MADV_COLLAPSE: collapse_file() done, hpage locked */
	collapse_pte_mapped_thp(mm, 0, true);
}

P1(struct mm_struct *mm)
{
	mfill_atomic(mm, 0);			/* UFFDIO_COPY */
}

P2(pmd_t *pmd0)
{
	struct page *pages[1];
	int nr;

	/* get_user_pages_fast(start, 1, 0, pages): FOLL_GET */
	nr = gup_fast(0, PAGE_SIZE, 0, pages);
	if (nr)
		put_page(pages[0]);
}
