C atomic-6-pass

(*
 * Compare-and-swap: an atomic_try_cmpxchg() loop retries with the refreshed
 * old value, so both increments land (v=1 never); of two cmpxchg(owner, 0, id)
 * exactly one returns 0, and of two xchg(token, 1) exactly one returns 0.
 *
 * Expect: sc: never
 *)

{
	atomic_t v = ATOMIC_INIT(0);
	int owner = 0;
	unsigned long token = 0;
}

P0(atomic_t *v, int *owner, unsigned long *token)
{
	int old;
	int r0;
	int r1;

	old = atomic_read(v);
	while (!atomic_try_cmpxchg(v, &old, old + 1))
		cpu_relax();
	r0 = cmpxchg(owner, 0, 1);
	r1 = xchg(token, 1);
}

P1(atomic_t *v, int *owner, unsigned long *token)
{
	int old;
	int r0;
	int r1;

	old = atomic_read(v);
	while (!atomic_try_cmpxchg(v, &old, old + 1))
		cpu_relax();
	r0 = cmpxchg(owner, 0, 2);
	r1 = xchg(token, 1);
}

exists (v=1 \/ (0:r0=0 /\ 1:r0=0) \/ (0:r0=2 /\ 1:r0=1) \/ (0:r1=0 /\ 1:r1=0) \/ (0:r1=1 /\ 1:r1=1))
