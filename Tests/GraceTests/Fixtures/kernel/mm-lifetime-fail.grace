C mm-lifetime-fail

(*
 * Without mmgrab() nothing holds mm_count for the deferred user: the
 * exiting task's mmput() drops the last user, which frees the mm_struct,
 * and the deferred user then takes mm->context.lock in freed memory.
 *
 * Expect: sc: violation use-after-free
 *)

{ struct mm_struct mm; int grabbed = 0; }

P0(struct mm_struct *mm, int *grabbed)
{
	mmget(mm); mmput(mm);
	WRITE_ONCE(*grabbed, 1);
	spin_lock(&mm->context.lock);
	spin_unlock(&mm->context.lock);

}

P1(struct mm_struct *mm, int *grabbed)
{
	while (!READ_ONCE(*grabbed))
		cpu_relax();
	mmput(mm);
}
