C pte-free-defer-a-b3-relaxed-dec

(*
 * powerpc pte_free_defer() v3 with a relaxed decrement (PROTOCOLS.md 2.6,
 * variant a-B3, [synthetic]): pte_fragment_free() tests
 * atomic_dec_return_relaxed() == 0 instead of atomic_dec_and_test().  No
 * kernel commit has this bug; it is the window Jason Gunthorpe asked about
 * ("atomic_dec_and_test() is a release?  So the SetPageActive is guarenteed
 * to be visible in another thread that reaches 0?", "Re: [PATCH v2 05/12]
 * powerpc: add pte_free_defer() for pgtables sharing page", 2023-06-27,
 * ZJsV19f41CrfkFYa@ziepe.ca).
 *
 * Source: the v3 code of mainline 32cc0b7c9d50 "powerpc: add
 * pte_free_defer() for pgtables sharing page" ("[PATCH v3 05/12] powerpc:
 * add pte_free_defer() for pgtables sharing page", Hugh Dickins,
 * 2023-06-21) with that one line changed.  Diff it against
 * pte-free-defer-v3.grace: everything else, threads included, is the same.
 *
 * Objects: one 64K page pt holding two PTE fragments F0 and F1
 * (pt_frag_refcount = 2), mapped by pmd0 and pmd1; Grace tracks a page
 * table as its page, so a fragment is passed around as pt itself.
 *
 * Actors (as in pte-free-defer-v3.grace):
 *   P0, CPU0 task: khugepaged retract_page_tables() on pmd0, then
 *       pte_free_defer(F0): SetPageActive(), relaxed decrement 2 -> 1.
 *   P1, CPU1 task: munmap free_pte_range() on pmd1, then
 *       pte_fragment_free(F1, 0) at once (the mmu_gather batch callback in
 *       the kernel): relaxed decrement 1 -> 0, TestClearPageActive().
 *   P2, CPU2 task: lockless RCU walker of pmd0 (pte_offset_map(),
 *       ptep_get(), pte_unmap()).
 *   pte_free_now() runs as an RCU callback in softirq on the queuing CPU.
 *
 * The failure needs a weak memory model.  PROTOCOLS.md's interleaving:
 * P0's set_bit(PG_active) and its relaxed decrement are unordered stores,
 * so the decrement can become visible to P1 first; P1 decrements 1 -> 0
 * and TestClearPageActive() reads PG_active = 0, so pte_free_now() frees
 * pt at once, with no grace period, under the walker P2 (A-I1, a
 * use-after-free).  Under sc every step is visible at once: P1 can only
 * reach 0 after P0's decrement, which follows P0's SetPageActive(), so the
 * flag is always seen and every final free goes through call_rcu(), and
 * the expected sc verdict is pass.  Under LKMM the pattern is message
 * passing with an unordered writer side; the litmus test
 * Models/litmus/jason-setbit-dec-relaxed.litmus isolates it (herd7
 * verdict: Sometimes), against jason-setbit-dec-and-test.litmus with
 * atomic_dec_and_test() (Never).  Only P0's decrement, the one in
 * pte_free_defer(), needs to be ordered: P1's TestClearPageActive() is
 * itself fully ordered.  Under tso it passes too: x86 implements even a
 * relaxed atomic_dec() with a locked instruction, which drains the store
 * buffer, and x86 keeps stores in order, so SetPageActive() reaches memory
 * before the decrement: the store->store reordering the bug needs does not
 * happen on x86.  Under lkmm it is violation use-after-free: P1's
 * decrement reads P0's, its TestClearPageActive() reads PG_active clear
 * (P0's SetPageActive() not yet visible to it), and pte_free_now() frees pt
 * at once, racing with the walker's pte read (Counterexamples/powerpc/
 * pte-free-defer-a-b3-relaxed-dec.lkmm.txt).
 *
 * Invariants: A-I1, pt is not freed while a walker that saw pmd0 -> pt is
 * still inside its RCU read-side section (a pte read of freed pt is a
 * use-after-free; broken only under a weak memory model); A-I2, no
 * call_rcu() on pt's rcu_head while it is queued; A-I3,
 * BUG_ON(pt_frag_refcount <= 0) never fires and pt is freed once; A-I4, pt
 * never reaches the allocator with PG_active set.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Expect: lkmm: violation use-after-free
 * Config: tlb_flush=broadcast
 *)

{
  struct page pt = { .pt_frag_refcount = 2 };
  pmd_t pmd0 = pt;
  pmd_t pmd1 = pt;
  spinlock_t pml;
  spinlock_t ptl;
}

void pte_free_now(struct rcu_head *head)
{
	struct page *page;

	page = container_of(head, struct page, rcu_head);
	pgtable_pte_page_dtor(page);
	__free_page(page);
}

/* table: the fragment, given as its page (kernel: unsigned long *table). */
void pte_fragment_free(struct page *table, int kernel)
{
	struct page *page = table;		/* virt_to_page(table) */

	/* if (PageReserved(page)) return free_reserved_page(page); never here */
	BUG_ON(atomic_read(&page->pt_frag_refcount) <= 0);
	if (atomic_dec_return_relaxed(&page->pt_frag_refcount) == 0) {	/* BUG: relaxed */
		if (kernel)
			__free_page(page);
		else if (TestClearPageActive(page))
			call_rcu(&page->rcu_head, pte_free_now);
		else
			pte_free_now(&page->rcu_head);
	}
}

void pte_free_defer(struct mm_struct *mm, pgtable_t pgtable)
{
	struct page *page;

	page = pgtable;				/* virt_to_page(pgtable) */
	SetPageActive(page);
	pte_fragment_free(pgtable, 0);
}

P0(pmd_t *pmd0, spinlock_t *pml, spinlock_t *ptl)
{
	pmd_t pgt_pmd;

	/* retract_page_tables(), the vma mapped by pmd0 */
	spin_lock(pml);				/* pml = pmd_lock(mm, pmd) */
	spin_lock_nested(ptl, SINGLE_DEPTH_NESTING);	/* ptl = pte_lockptr(mm, pmd) */
	pgt_pmd = pmdp_collapse_flush(NULL, 0, pmd0);
	spin_unlock(ptl);
	spin_unlock(pml);
	pte_free_defer(NULL, pmd_pgtable(pgt_pmd));
}

P1(pmd_t *pmd1)
{
	pgtable_t token;

	/* free_pte_range() */
	token = pmd_pgtable(*pmd1);
	pmd_clear(pmd1);
	pte_fragment_free(token, 0);		/* what tlb_remove_table() ends in */
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
