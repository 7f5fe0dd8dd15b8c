C rwsem-2-fail

(*
 * up_write() of a struct rw_semaphore this context holds for reading
 * only: P1 took it with down_read() and releases it as a writer:
 * unlock-unheld.
 *
 * Expect: sc: violation unlock-unheld
 *)

{
	struct rw_semaphore sem;
	int a = 0;
}

P0(struct rw_semaphore *sem, int *a)
{
	down_write(sem);
	WRITE_ONCE(*a, 1);
	up_write(sem);
}

P1(struct rw_semaphore *sem, int *a)
{
	int r0;

	down_read(sem);
	r0 = READ_ONCE(*a);
	up_write(sem);
}
