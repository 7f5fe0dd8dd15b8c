C mm-lifetime-pass

(*
 * mmgrab() keeps the mm_struct alive for a deferred user (s390 v1's
 * pte_free_defer): the exiting task's mmput() and mmdrop() drop the last
 * user and its own count, the deferred user still holds mm_count.
 *
 * Expect: sc: pass
 *)

{ struct mm_struct mm; int grabbed = 0; }

P0(struct mm_struct *mm, int *grabbed)
{
	mmgrab(mm);
	WRITE_ONCE(*grabbed, 1);
	spin_lock(&mm->context.lock);
	spin_unlock(&mm->context.lock);
	mmdrop(mm);
}

P1(struct mm_struct *mm, int *grabbed)
{
	while (!READ_ONCE(*grabbed))
		cpu_relax();
	mmput(mm);
}
