C condload-pass

(*
 * smp_cond_load_acquire() waits, without looping, until its condition on
 * VAL holds, and returns that VAL; the acquire orders the data read after
 * it.  smp_cond_load_relaxed() and atomic_cond_read_acquire() wait the
 * same way.  The writer publishes the data, then the flag.
 *
 * Expect: sc: pass
 *)

{
	int data = 0;
	int flag = 0;
	atomic_t stage;
}

P0(int *data, int *flag, atomic_t *stage)
{
	WRITE_ONCE(*data, 42);
	smp_store_release(flag, 1);
	atomic_set(stage, 2);
}

P1(int *data, int *flag, atomic_t *stage)
{
	int seen;

	seen = smp_cond_load_acquire(flag, VAL != 0);
	assert(seen == 1 && READ_ONCE(*data) == 42);
	seen = smp_cond_load_relaxed(flag, VAL == 1);
	assert(atomic_cond_read_acquire(stage, VAL >= 2) == 2);
}
