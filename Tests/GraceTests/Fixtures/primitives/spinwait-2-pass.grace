C spinwait-2-pass

(*
 * A two-thread barrier: each thread announces its arrival with atomic_inc()
 * before spinning until atomic_read() shows both, so neither waits for a
 * step that cannot come. A do/while spin on smp_load_acquire() then waits
 * for P0's release store.
 *
 * Expect: sc: pass
 *)

{
	atomic_t arrived = ATOMIC_INIT(0);
	int go = 0;
}

P0(atomic_t *arrived, int *go)
{
	atomic_inc(arrived);
	while (atomic_read(arrived) < 2)
		cpu_relax();
	smp_store_release(go, 1);
}

P1(atomic_t *arrived, int *go)
{
	int r0;

	atomic_inc(arrived);
	while (atomic_read(arrived) < 2)
		cpu_relax();
	do {
		r0 = smp_load_acquire(go);
	} while (!r0);
}
