C rwsem-pass

(*
 * struct rw_semaphore: readers hold it together and a writer alone.  P0 writes two words under down_write(); the readers read
 * both under down_read() and never see them differ.
 *
 * Expect: sc: pass
 *)

{
	struct rw_semaphore sem;
	struct rw_semaphore own;
	int a = 0;
	int b = 0;
}

P0(struct rw_semaphore *sem, int *a, int *b)
{
	down_write(sem);
	WRITE_ONCE(*a, 1);
	WRITE_ONCE(*b, 1);
	up_write(sem);
}

P1(struct rw_semaphore *sem, int *a, int *b)
{
	down_read(sem);
	assert(READ_ONCE(*a) == READ_ONCE(*b));
	up_read(sem);
}

P2(struct rw_semaphore *sem, struct rw_semaphore *own, int *a, int *b)
{
	init_rwsem(own);			/* a semaphore of P2's own */
	down_write(own);
	up_write(own);
	down_read(sem);
	assert(READ_ONCE(*b) == READ_ONCE(*a));
	up_read(sem);
}
