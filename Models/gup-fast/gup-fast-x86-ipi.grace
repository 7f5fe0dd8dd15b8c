C gup-fast-x86-ipi

(*
 * GUP-fast against munmap on x86 bare metal, the classic IPI scheme
 * (PROTOCOLS.md 4.5, variant c-C0): the walker disables IRQs; munmap
 * unhooks the table, flushes the TLB with IPIs (which wait for the
 * walker's CPU to enable IRQs) and only then frees the table and the data
 * page.  No RCU: native tlb_remove_table is tlb_remove_page.
 *
 * Sources: "[PATCH 06/17] x86/mm: make MMU_GATHER_RCU_TABLE_FREE
 * unconditional", Rik van Riel, 2025 (GUP-fast is synchronised "on bare
 * metal, by blocking IRQs, which block TLB flush IPIs; on paravirt, with
 * MMU_GATHER_RCU_TABLE_FREE"); the walker is mainline gup_fast() /
 * gup_fast_pmd_range() / gup_fast_pte_range() of mm/gup.c (PROTOCOLS.md 8,
 * S35; the pmd + pte recheck of 70cbc3cc78a9 "mm: gup: fix the fast GUP
 * race against THP collapse"); the unmapper is unmap_region() with
 * zap_pte_range(), free_pte_range() -> pte_free_tlb() -> x86
 * ___pte_free_tlb() -> paravirt_tlb_remove_table() = tlb_remove_page() on
 * bare metal, and tlb_finish_mmu() -> tlb_flush_mmu() of torvalds/linux
 * mm/mmu_gather.c @ 06d074298583, ordered as the contract of
 * include/asm-generic/tlb.h @ 0758cd830494 says: "1) unhook page 2) TLB
 * invalidate page 3) free page".
 *
 * Objects: pmds[1] maps the pte table pt; its pte 0 maps the anonymous
 * page p once P0 has faulted it in (Grace's init block cannot declare a
 * pte inside a table page).  Model addresses count pages: pmds[1] covers
 * 4..7.
 *
 * Actors:
 *   P0, CPU0 task: M.  Faults p in (set_pte_at), then munmap(4..8):
 *       zap_pte_range() (ptep_get_and_clear, p into the mmu_gather),
 *       free_pte_range() (pmd_clear, pt into the mmu_gather),
 *       tlb_finish_mmu(): flush_tlb_mm_range() (IPIs to every CPU), then
 *       free_pages_and_swap_cache() drops the gather's references.
 *   P1, CPU1 task: G.  gup_fast(4, 5): local_irq_save,
 *       pmdp_get_lockless(pmds[1]), pte_offset_map() (nested
 *       rcu_read_lock()), ptep_get_lockless(), try_grab_folio_fast(), pmd
 *       and pte recheck, local_irq_restore.
 *   P2, CPU2: HW, the MMU of a CPU running another thread of the process.
 *       Two loads from address 4, each one instruction (IRQs, the flush
 *       IPI included, are taken between instructions): translate through
 *       pmds[1] and pte 0 with tlb_walk() (paging-structure cache and TLB
 *       first, else a walk that fills them), then read p's contents.
 *
 * Why it passes: the flush completes only when CPU1 and CPU2 have taken
 * the flush IPI, i.e. are outside their IRQ-off sections, and drops every
 * cached translation; G and the MMU both started their current walk after
 * the flush (finding pmds[1] empty) or finished it before; pt and p are
 * freed after the flush, and p only once G's reference, if any, is
 * dropped too.
 *
 * Invariants: C-I1, pt is not freed while G, which may hold a pointer to
 * it, is in its IRQ-off section; C-I2, pt and p are not freed while a
 * CPU's paging-structure cache or TLB may still hold a translation through
 * or to them; C-I3 holds trivially here (nothing reuses p).
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=ipi
 *)

{
  struct mm_struct mm = { .mm_users = 2 };
  struct page pt;
  struct page p;
  pmd_t pmds[2] = { 0, pt };
  struct mmu_gather tlb = { .mm = &mm };	/* tlb_gather_mmu() */
}

/* ---- model helpers (not kernel code) ---------------------------------- */

/* Pages per pmd: PTRS_PER_PTE; model addresses count pages. */
unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long next = (addr / PTRS_PER_PTE + 1) * PTRS_PER_PTE;

	return next < end ? next : end;
}

/* Grace's pte_offset_map() / pte_offset_kernel() take the pte index. */
unsigned long pte_index(unsigned long addr)
{
	return addr % PTRS_PER_PTE;
}

/* ---- mm/gup.c, mainline GUP-fast (CPU1) ------------------------------- */

/* FOLL_GET: try_get_folio(); the folio of an order-0 page is the page */
struct page *try_grab_folio_fast(struct page *page, int refs, unsigned int flags)
{
	struct page *folio = page_folio(page);

	if (!folio_ref_try_add(folio, refs))
		return NULL;
	return folio;
}

int gup_fast_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		       unsigned long end, unsigned int flags,
		       struct page **pages, int *nr)
{
	int ret = 0;
	pte_t *ptep;
	pte_t *ptem;
	pte_t pte;
	struct page *page;
	struct page *folio;

	ptem = pte_offset_map(&pmd, pte_index(addr));	/* rcu_read_lock() */
	ptep = ptem;
	if (!ptep)
		return 0;
	do {
		pte = ptep_get_lockless(ptep);

		/* pte_protnone(), pte_access_permitted(), pte_devmap(),
		 * pte_special(): the pte is present or none here */
		if (!pte_present(pte))
			break;

		page = pte_page(pte);

		folio = try_grab_folio_fast(page, 1, flags);
		if (!folio)
			break;

		if (pmd_val(pmd) != pmd_val(*pmdp) ||
		    pte_val(pte) != pte_val(ptep_get(ptep))) {
			folio_put(folio);	/* gup_put_folio(folio, 1, flags) */
			break;
		}

		/* gup_fast_folio_allowed(), gup_must_unshare(), FOLL_PIN: no */
		folio_set_referenced(folio);
		pages[*nr] = page;
		(*nr)++;

		ptep++;
		addr++;
		if (addr == end)
			ret = 1;
	} while (addr != end);

	pte_unmap(ptem);				/* rcu_read_unlock() */
	return ret;
}

int gup_fast_pmd_range(unsigned long addr, unsigned long end,
		       unsigned int flags, struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;
	pmd_t pmd;

	pmdp = &pmds[addr / PTRS_PER_PTE];	/* pmd_offset_lockless() */
	do {
		pmd = pmdp_get_lockless(pmdp);

		next = pmd_addr_end(addr, end);
		if (!pmd_present(pmd))
			return 0;

		/* pmd_leaf(), is_hugepd(): no huge pmd here */
		if (!gup_fast_pte_range(pmd, pmdp, addr, next, flags, pages, nr))
			return 0;
		pmdp++;
		addr = next;
	} while (addr != end);

	return 1;
}

unsigned long gup_fast(unsigned long start, unsigned long end,
		       unsigned int gup_flags, struct page **pages)
{
	unsigned long flags;
	int nr_pinned = 0;

	/* FOLL_PIN and mm->write_protect_seq: FOLL_GET here */

	/*
	 * Disable interrupts. The nested form is used, in order to allow full,
	 * general purpose use of this routine.
	 *
	 * With interrupts disabled, we block page table pages from being freed
	 * from under us. See struct mmu_table_batch comments in
	 * include/asm-generic/tlb.h for more details.
	 *
	 * We do not adopt an rcu_read_lock() here as we also want to block IPIs
	 * that come from callers of tlb_remove_table_sync_one().
	 */
	local_irq_save(flags);
	/* gup_fast_pgd_range() .. gup_fast_pud_range(): one of each */
	gup_fast_pmd_range(start, end, gup_flags, pages, &nr_pinned);
	local_irq_restore(flags);

	return nr_pinned;
}

/* ---- mmu_gather, generic + x86 bare metal (CPU0) ---------------------- */

/* Shared state for Grace, so in the init block rather than on munmap's
 * stack; tlb_gather_mmu() is its initialiser there. */
struct mmu_gather {
	struct mm_struct *mm;
	unsigned int freed_tables;
	unsigned int cleared_ptes;
	unsigned int nr;			/* tlb->local.nr */
	struct page *pages[2];			/* tlb->local.pages */
};

/* __tlb_remove_page(): the batch has room */
void tlb_remove_page(struct mmu_gather *tlb, struct page *page)
{
	tlb->pages[tlb->nr] = page;
	tlb->nr++;
}

/* release_pages(): put_page_testzero() frees on the last reference */
void free_pages_and_swap_cache(struct page **pages, int nr)
{
	int i;

	for (i = 0; i < nr; i++)
		put_page(pages[i]);
}

void tlb_flush_mmu_tlbonly(struct mmu_gather *tlb)
{
	if (!(tlb->freed_tables || tlb->cleared_ptes))
		return;
	/* x86 tlb_flush(): flush_tlb_mm_range(tlb->mm, start, end,
	 * stride_shift, tlb->freed_tables), IPIs on bare metal */
	flush_tlb_mm_range(tlb->mm, 0, 0, 0);
}

void tlb_flush_mmu_free(struct mmu_gather *tlb)
{
	/* tlb_table_flush(tlb): bare metal never batches tables there */
	free_pages_and_swap_cache(tlb->pages, tlb->nr);	/* tlb_batch_pages_flush() */
	tlb->nr = 0;
}

void tlb_flush_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu_tlbonly(tlb);
	tlb_flush_mmu_free(tlb);
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu(tlb);
}

/* x86 bare metal: native_tlb_remove_table() = tlb_remove_page() */
void paravirt_tlb_remove_table(struct mmu_gather *tlb, struct page *table)
{
	tlb_remove_page(tlb, table);
}

void ___pte_free_tlb(struct mmu_gather *tlb, struct page *pte)
{
	pagetable_pte_dtor(pte);
	/* paravirt_release_pte(): nothing on bare metal */
	paravirt_tlb_remove_table(tlb, pte);
}

/* mm/memory.c */
void zap_pte_range(struct mmu_gather *tlb, pmd_t *pmd, unsigned long addr,
		   unsigned long end)
{
	pte_t *pte;
	pte_t ptent;

	/* pte_offset_map_lock(): nobody else takes this pte lock here */
	pte = pte_offset_kernel(pmd, pte_index(addr));
	do {
		ptent = ptep_get_and_clear(tlb->mm, addr, pte);	/* _full */
		if (pte_present(ptent)) {
			tlb->cleared_ptes = 1;	/* tlb_remove_tlb_entry() */
			/* folio_remove_rmap_pte() */
			tlb_remove_page(tlb, pte_page(ptent));
		}
		pte++;
		addr++;
	} while (addr != end);
}

void free_pte_range(struct mmu_gather *tlb, pmd_t *pmd, unsigned long addr)
{
	pgtable_t token = pmd_pgtable(*pmd);

	pmd_clear(pmd);
	tlb->freed_tables = 1;			/* pte_free_tlb() */
	___pte_free_tlb(tlb, token);
}

/* ---- the MMU of CPU2 -------------------------------------------------- */

/* One load from address 4, one instruction: an interrupt, the flush IPI
 * included, is taken between instructions, never between the translation
 * and the access it feeds.  The walk itself is not an RCU reader and is
 * not held off by IRQs being off. */
void load_address_4(void)
{
	struct page *table;
	struct page *page;
	unsigned long v;

	local_irq_disable();
	table = tlb_walk(&pmds[1]);
	if (table) {
		page = tlb_walk((pte_t *)page_address(table) + pte_index(4));
		if (page)
			v = READ_ONCE(*(unsigned long *)page_address(page));
	}
	local_irq_enable();
}

/* ---- the actors -------------------------------------------------------- */

P0(struct mm_struct *mm, struct mmu_gather *tlb, pmd_t *pmds, struct page *p)
{
	/* do_anonymous_page(): p is mapped at address 4 (pmds[1], pte 0) */
	set_pte_at(mm, 4, pte_offset_kernel(&pmds[1], 0), mk_pte(p, PAGE_SHARED));

	/* munmap(4..8): unmap_region(); tlb_gather_mmu() is the init block */
	zap_pte_range(tlb, &pmds[1], 4, 5);	/* unmap_vmas() */
	free_pte_range(tlb, &pmds[1], 4);	/* free_pgtables() */
	tlb_finish_mmu(tlb);
}

P1(void)
{
	struct page *pages[1];
	unsigned long nr;

	nr = gup_fast(4, 5, 0, pages);		/* FOLL_GET */
}

P2(void)
{
	load_address_4();
	load_address_4();
}
