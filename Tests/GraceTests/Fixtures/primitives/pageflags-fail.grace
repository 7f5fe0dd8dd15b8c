C pageflags-fail

(*
 * The same ownership race with PageActive() then ClearPageActive(): both
 * threads can see the flag set before either clears it, so both free the
 * page. Reachable in some interleavings only; a double free.
 *
 * Expect: sc: violation double-free
 *)

{
	struct page pg;
	int ready = 0;
}

P0(struct page *pg, int *ready)
{
	SetPageActive(pg);
	smp_store_release(ready, 1);
	if (PageActive(pg)) {
		ClearPageActive(pg);
		__free_page(pg);
	}
}

P1(struct page *pg, int *ready)
{
	while (!smp_load_acquire(ready))
		cpu_relax();
	if (PageActive(pg)) {
		ClearPageActive(pg);
		__free_page(pg);
	}
}
