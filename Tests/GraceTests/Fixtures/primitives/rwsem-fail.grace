C rwsem-fail

(*
 * up_read() of a struct rw_semaphore this context does not hold for
 * reading: P0 holds it for writing.
 *
 * Expect: sc: violation unlock-unheld
 *)

{
	struct rw_semaphore sem;
}

P0(struct rw_semaphore *sem)
{
	down_write(sem);
	up_read(sem);
}
