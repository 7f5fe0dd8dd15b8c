C mmu-access-page-noflush-uaf

(*
 * Kernel execution model fixture: mmu-access-page-flush-pass.grace without
 * the flush_tlb_all() between unmapping and freeing the data page: a load
 * through the MMU reaches the freed page through its cached translation
 * (PROTOCOLS.md 6.4, E-I1, and 7.6).
 *
 * Source: include/asm-generic/tlb.h @ 0758cd830494, "1) unhook page 2) TLB
 * invalidate page 3) free page"; E-I1 for kernel mappings.
 *
 * Actors:
 *   P0, CPU0 task: pte_clear(pte0), then __free_page(data), no flush.
 *   P1, CPU1: tlb_write() to word 1 and tlb_read() of word 0 of the page
 *       pte0 maps, each one step.
 *
 * Shortest failure: CPU1's store caches pte0 -> data; P0 clears pte0 and
 * frees data; CPU1's load takes data from its cache and reads the freed
 * page.
 *
 * Invariant broken: E-I1, no page is freed while a TLB may still translate
 * to it.
 *
 * Expect: sc: violation use-after-free
 * Config: tlb_flush=broadcast
 *)

{
  struct page data;
  pte_t pte0 = data;
}

P0(pte_t *pte0, struct page *data)
{
	pte_clear(NULL, 0, pte0);
	__free_page(data);
}

P1(pte_t *pte0)
{
	unsigned long v;

	tlb_write(pte0, 1, 7);
	v = tlb_read(pte0, 0);
}
