C b-b3-softirq-deadlock

(*
 * Kernel execution model fixture: an RCU callback in softirq spins on a
 * lock that the task it interrupted holds with plain spin_lock()
 * (PROTOCOLS.md 3.9, variant b-B3).
 *
 * Source: "Re: [PATCH 07/12] s390: add pte_free_defer(), with use of
 * mmdrop_async()", Hugh Dickins, 2023-06-15, quoting Gerald Schaefer of the
 * same day (lockdep: "Only some deadlocks on mm->context.lock", spin_lock
 * vs spin_lock_bh).  __tlb_flush_mm_lazy() as in arch/s390 of that era
 * (PROTOCOLS.md 3.2, actor L; torvalds/linux arch/s390/mm/pgalloc.c
 * @ 3beed9bf1e3d for the _bh users of the lock).
 *
 * Actors, all on CPU0 (the only CPU):
 *   P0, task: the tail of an earlier munmap of mm queued its table batch
 *       with call_rcu(tlb_remove_table_rcu); now it calls s390 tlb_flush()
 *       -> __tlb_flush_mm_lazy(mm), which holds mm->context.lock with plain
 *       spin_lock() (softirqs stay enabled) across a few steps.
 *   tlb_remove_table_rcu(), softirq on CPU0 after a grace period: in Hugh's
 *       mid-June rework __tlb_remove_table() relists a half-free page and
 *       takes spin_lock_bh(&mm->context.lock).
 *   The batch is modelled by a page whose rcu_head stands for batch->rcu.
 *
 * Shortest failure: the grace period ends between call_rcu() and
 * spin_lock() (CPU0 is quiescent there); P0 takes the lock; at the next
 * interruption point the softirq runs the callback, whose spin_lock_bh()
 * spins on a lock held by the context it interrupted.
 *
 * Invariant broken: S-I8, a softirq never spins on a lock held by a context
 * it interrupted on the same CPU.  Compare b-b3-softirq-bh-pass.grace.
 *
 * Expect: sc: violation deadlock
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
	spin_lock(&mm->context.lock);
	if (READ_ONCE(flush_mm)) {		/* mm->context.flush_mm */
		WRITE_ONCE(flush_mm, 0);
		flush_tlb_mm(mm);		/* __tlb_flush_mm(mm) */
	}
	spin_unlock(&mm->context.lock);
}

P0(struct mm_struct *mm, struct page *batch)
{
	call_rcu(&batch->rcu_head, tlb_remove_table_rcu);	/* tlb_table_flush() */
	__tlb_flush_mm_lazy(mm);				/* tlb_flush() */
}
