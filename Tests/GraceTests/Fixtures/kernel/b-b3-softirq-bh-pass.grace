C b-b3-softirq-bh-pass

(*
 * Kernel execution model fixture: b-b3-softirq-deadlock.grace with the
 * task taking mm->context.lock with spin_lock_bh(), the fix Gerald Schaefer
 * proposed (make every user of the lock spin_lock_bh).
 *
 * Source: "Re: [PATCH 07/12] s390: add pte_free_defer(), with use of
 * mmdrop_async()", Hugh Dickins, 2023-06-15, quoting Gerald Schaefer of the
 * same day (PROTOCOLS.md 3.9, b-B3 and the fixes discussed there).
 *
 * Actors, all on CPU0 (the only CPU):
 *   P0, task: call_rcu(tlb_remove_table_rcu) for an earlier batch, then
 *       __tlb_flush_mm_lazy(mm) under spin_lock_bh(&mm->context.lock).
 *   tlb_remove_table_rcu(), softirq on CPU0: spin_lock_bh() of the same lock.
 *
 * Why it passes: while P0 holds the lock, bh is disabled, so no softirq runs
 * at its interruption points; a callback that became ready meanwhile runs
 * synchronously from spin_unlock_bh(), after the unlock, or later when
 * CPU0 is idle.  The lock is free every time the callback takes it.
 *
 * Invariant: S-I8, a softirq never spins on a lock held by a context it
 * interrupted on the same CPU.
 *
 * Expect: sc: pass
 * Config: cpus=1
 *)

{
  struct mm_struct mm;
  struct page pt;
  struct page batch;
  int flush_mm = 1;
}

void __tlb_remove_table(struct page *table)
{
	/* the other half of table's page is still allocated: put the page
	 * back on mm->context.pgtable_list (list_add not modelled) */
	spin_lock_bh(&mm.context.lock);
	spin_unlock_bh(&mm.context.lock);
}

void tlb_remove_table_rcu(struct rcu_head *head)
{
	__tlb_remove_table(&pt);		/* batch->tables[0]: a half of pt */
	/* free_page((unsigned long)batch): left out */
}

void __tlb_flush_mm_lazy(struct mm_struct *mm)
{
	spin_lock_bh(&mm->context.lock);
	if (READ_ONCE(flush_mm)) {		/* mm->context.flush_mm */
		WRITE_ONCE(flush_mm, 0);
		flush_tlb_mm(mm);		/* __tlb_flush_mm(mm) */
	}
	spin_unlock_bh(&mm->context.lock);
}

P0(struct mm_struct *mm, struct page *batch)
{
	call_rcu(&batch->rcu_head, tlb_remove_table_rcu);	/* tlb_table_flush() */
	__tlb_flush_mm_lazy(mm);				/* tlb_flush() */
}
