C pte-lock-fail

(*
 * The same increments, one under the pte lock and one under pmd_lock(),
 * which is mm->page_table_lock, a different lock: an increment is lost.
 * The pte holds a counter here (pte_val), which only a model can do.
 *
 * Expect: sc: sometimes
 *)

{ struct page pt; pmd_t pmd = pt; struct mm_struct mm; }

P0(pmd_t *pmd, struct mm_struct *mm)
{
	spinlock_t *ptl;
	pte_t *pte = pte_offset_map_lock(mm, pmd, 1, &ptl);
	pte_t old = ptep_get(pte);

	set_pte_at(mm, 0, pte, (pte_t)(pte_val(old) + 1));
	pte_unmap_unlock(pte, ptl);
}

P1(pmd_t *pmd, struct mm_struct *mm, struct page *pt)
{
	spinlock_t *ptl = pmd_lock(mm, pmd);
	spin_unlock(ptl);
	unsigned long *ptes = page_address(pt);

	spin_lock(ptl);
	WRITE_ONCE(ptes[1], READ_ONCE(ptes[1]) + 1);
	spin_unlock(ptl);
}

exists (pt.contents[1]=1)
