C hvo-split-no-wmb

(*
 * HugeTLB vmemmap optimization, batched, without the smp_wmb() that
 * orders the new pte table's initialisation before pmd_populate_kernel()
 * in vmemmap_split_pmd() (PROTOCOLS.md 6.5, variant e-B2, [synthetic,
 * weak-memory mode]).
 *
 * Sources: hvo-batched.grace (e-C1: the post-2024 mainline text of
 * mm/hugetlb_vmemmap.c of PROTOCOLS.md 6.3) with "/* Make pte visible
 * before pmd. See comment in pmd_install(). */ smp_wmb();" removed; the
 * rationale is the pmd_install() comment of mm/memory.c (PROTOCOLS.md 6.3,
 * S43): "Ensure all pte setup (eg. pte page lock and page clearing) are
 * visible before the pte is made visible to other CPUs by being put into
 * page tables."  No kernel commit did this.
 *
 * Objects and actors, as in hvo-batched.grace of which this is a copy
 * with one line removed: the folio's struct pages fill two vmemmap pages,
 * V0 (the head and the first tails, the reuse page) and V1 (tails only),
 * mapped at first by one 2M leaf, vpmd.  P0 (CPU0) is O, the optimizer:
 * it splits vpmd into a pte table Tv (ptes to V0 and V1, then
 * pmd_populate_kernel()), flushes, remaps both ptes to a new head page N
 * and frees V0 and V1 after a second flush.  P1 (CPU1) is R + HW, two
 * loads of a tail struct page through its MMU (tlb_read(), one step
 * each), each followed by an observer that reads vpmd and, when it holds
 * a table, the pte for the address, through the same address dependency
 * as the MMU's walk, and does BUG_ON(!pte_present()) (E-I2: a vmemmap
 * address always maps).
 *
 * Why sc passes: under sequential consistency O's two set_pte_at() stores
 * are visible before its pmd_populate_kernel() store whatever barrier
 * stands between them, so an MMU that finds vpmd -> Tv always finds the
 * ptes.  The failure needs the pmd store to become visible before the pte
 * stores (a store-store reordering: PSO-like or LKMM; not x86-TSO, which
 * keeps stores in order): CPU1's MMU then reads vpmd -> Tv and pte 1 == 0,
 * a bogus fault on a vmemmap address, and the observer, reading the same
 * way, sees it: the BUG_ON fires.  The MMU's
 * pmd -> pte chain is address-dependent, so no read barrier is needed on
 * that side (PROTOCOLS.md 6.3, 7.2).  Expected under a weak model:
 * violation bug; under tso it passes, since x86's store buffer writes the
 * pte stores back before the pmd store (the store->store order TSO keeps),
 * so the missing smp_wmb() costs nothing on x86.
 *
 * Invariant: E-I2, a CPU that sees the new pmd -> Tv sees Tv's initialised
 * ptes.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Config: tlb_flush=ipi page_words=2
 *)

{
  struct mm_struct init_mm;
  struct page V0;
  struct page V1;
  pmd_t vpmd;
}

/* ---- model helpers (not kernel code) ---------------------------------- */

/* head + i for the pages a vmemmap 2M leaf maps: physically consecutive in
 * the kernel, separate objects in Grace. */
struct page *vmemmap_block_page(struct page *head, unsigned long i)
{
	if (i == 0)
		return head;
	return &V1;
}

/*
 * O's own accesses to struct pages through a vmemmap address: software
 * using CPU0's translation, which tlb_walk() hands over: a 2M leaf maps
 * page i of the block from V0; a table maps page i through its pte i.
 */
struct page *vmemmap_translate(unsigned long i)
{
	struct page *entry;
	struct page *page;

	entry = tlb_walk(&vpmd);
	if (!entry)
		return NULL;			/* before vmemmap_populate() */
	if (entry == &V0)			/* the 2M leaf */
		return vmemmap_block_page(entry, i);
	page = tlb_walk((pte_t *)page_address(entry) + i);
	BUG_ON(!page);				/* E-I2: vmemmap is always mapped */
	return page;
}

/*
 * R: a load of word 0 of the struct pages at vmemmap address i, one access
 * through CPU1's MMU.  tlb_read() translates through vpmd (a cached 2M
 * leaf entry, or a cached table pointer and 4K entry, or a walk that
 * fills them) and reads word 0 of page i of vpmd's range, in one step:
 * a flush comes before the translation or after the access.
 */
unsigned long vmemmap_load(unsigned long i)
{
	return tlb_read(&vpmd, i * PTRS_PER_PTE);
}

/*
 * HW observer, after each load (not kernel code): E-I2, once vpmd holds
 * a table, the pte for address i is present; E-I6, while CPU1's TLB still
 * holds the 2M leaf entry, the 4K pte the tables hold for i maps the page
 * the leaf maps.  The tables are read first and the TLB last: a 2M entry
 * the TLB holds then was cached before the split and not flushed since,
 * so it was held when the tables were read.  tlb_walk() shows the TLB's
 * entry for vpmd (or walks vpmd afresh, as the MMU may at any time).
 */
void check_vmemmap_tlb(unsigned long i)
{
	pmd_t pmd;
	pte_t pte;
	struct page *entry;

	pmd = READ_ONCE(vpmd);
	if (pmd_none(pmd) || pmd_leaf(pmd))
		return;
	pte = ptep_get(pte_offset_kernel(&pmd, i));
	BUG_ON(!pte_present(pte));		/* E-I2 */
	entry = tlb_walk(&vpmd);
	if (entry == &V0)			/* the 2M leaf */
		assert(pte_page(pte) == vmemmap_block_page(entry, i));	/* E-I6 */
}

/* folio_set_hugetlb_vmemmap_optimized(folio): set_bit(HPG_vmemmap_optimized,
 * &folio->private), through this CPU's vmemmap translation */
void folio_set_hugetlb_vmemmap_optimized(unsigned long folio)
{
	set_bit(4, (unsigned long *)page_address(vmemmap_translate(folio)));
}

/* copy_page(to, (void *)from) with from a vmemmap address */
void copy_page(unsigned long *to, unsigned long from)
{
	unsigned long *src = (unsigned long *)page_address(vmemmap_translate(from));
	int i;

	for (i = 0; i < PTRS_PER_PTE; i++)	/* page_words */
		WRITE_ONCE(to[i], READ_ONCE(src[i]));
}

int PageReserved(struct page *page)
{
	return test_bit(10, &page->flags);	/* PG_reserved: never set here */
}

void split_page(struct page *page, unsigned int order)
{
	/* the 2M block's pages become independent order-0 pages */
}

/* ---- boot: vmemmap_populate() (CPU0) ---------------------------------- */

void vmemmap_populate(void)
{
	/* vmemmap_populate_hugepages(): a 2M leaf over V0, V1 */
	set_pmd_at(&init_mm, 0, &vpmd, mk_huge_pmd(&V0, PAGE_KERNEL));
}

/* ---- mm/hugetlb_vmemmap.c (CPU0) -------------------------------------- */

struct vmemmap_remap_walk {
	void (*remap_pte)(pte_t *pte, unsigned long addr,
			  struct vmemmap_remap_walk *walk);
	unsigned long nr_walked;
	struct page *reuse_page;
	unsigned long reuse_addr;
	struct list_head *vmemmap_pages;
	unsigned long flags;
};

/* VMEMMAP_SPLIT_NO_TLB_FLUSH = BIT(0), VMEMMAP_REMAP_NO_TLB_FLUSH = BIT(1),
 * VMEMMAP_SYNCHRONIZE_RCU = BIT(2) */

int vmemmap_split_pmd(pmd_t *pmd, struct page *head, unsigned long start,
		      struct vmemmap_remap_walk *walk)
{
	pmd_t __pmd;
	int i;
	unsigned long addr = start;
	pte_t *pgtable;
	pte_t entry;
	pte_t *pte;

	pgtable = pte_alloc_one_kernel(&init_mm);
	if (!pgtable)
		return -12;			/* -ENOMEM */

	pmd_populate_kernel(&init_mm, &__pmd, pgtable);

	for (i = 0; i < PTRS_PER_PTE; i++) {
		entry = mk_pte(vmemmap_block_page(head, i), PAGE_KERNEL);	/* head + i */
		pte = pte_offset_kernel(&__pmd, addr);
		set_pte_at(&init_mm, addr, pte, entry);
		addr++;				/* addr += PAGE_SIZE */
	}

	spin_lock(&init_mm.page_table_lock);
	if (pmd_leaf(*pmd)) {
		/*
		 * Higher order allocations from buddy allocator must be able to
		 * be treated as indepdenent small pages (as they can be freed
		 * individually).
		 */
		if (!PageReserved(head))
			split_page(head, 9);	/* get_order(PMD_SIZE) */

		/* e-B2: no "Make pte visible before pmd" smp_wmb() here */
		pmd_populate_kernel(&init_mm, pmd, pgtable);
		if (!(walk->flags & 1))		/* VMEMMAP_SPLIT_NO_TLB_FLUSH */
			flush_tlb_kernel_range(start, start + PTRS_PER_PTE);	/* PMD_SIZE */
	} else {
		pte_free_kernel(&init_mm, pgtable);
	}
	spin_unlock(&init_mm.page_table_lock);

	return 0;
}

int vmemmap_pmd_entry(pmd_t *pmd, unsigned long addr, unsigned long next,
		      struct vmemmap_remap_walk *vmemmap_walk)
{
	struct page *head;

	/* Only splitting, not remapping the vmemmap pages: the caller skips
	 * the pte level (walk->action = ACTION_CONTINUE) */

	spin_lock(&init_mm.page_table_lock);
	head = pmd_leaf(*pmd) ? pmd_page(*pmd) : NULL;
	/* CONFIG_MEMORY_HOTPLUG self-hosted vmemmap check: not here */
	spin_unlock(&init_mm.page_table_lock);
	if (!head)
		return 0;

	return vmemmap_split_pmd(pmd, head, addr - addr % PTRS_PER_PTE,	/* addr & PMD_MASK */
				 vmemmap_walk);
}

void vmemmap_remap_pte(pte_t *pte, unsigned long addr,
		       struct vmemmap_remap_walk *walk)
{
	/*
	 * Remap the tail pages as read-only to catch illegal write operation
	 * to the tail pages.
	 */
	unsigned long pgprot = PAGE_KERNEL_RO;
	struct page *page = pte_page(ptep_get(pte));
	pte_t entry;

	/* Remapping the head page requires r/w */
	if (addr == walk->reuse_addr) {
		pgprot = PAGE_KERNEL;
		list_del(&walk->reuse_page->lru);

		/*
		 * Makes sure that preceding stores to the page contents from
		 * vmemmap_remap_free() become visible before the set_pte_at()
		 * write.
		 */
		smp_wmb();
	}

	entry = mk_pte(walk->reuse_page, pgprot);
	list_add(&page->lru, walk->vmemmap_pages);
	set_pte_at(&init_mm, addr, pte, entry);
}

void vmemmap_pte_entry(pte_t *pte, unsigned long addr, unsigned long next,
		       struct vmemmap_remap_walk *vmemmap_walk)
{
	/*
	 * The reuse_page is found 'first' in page table walking before
	 * starting remapping.
	 */
	if (!vmemmap_walk->reuse_page)
		vmemmap_walk->reuse_page = pte_page(ptep_get(pte));
	else
		/* vmemmap_walk->remap_pte(pte, addr, vmemmap_walk): Grace
		 * calls by name; only vmemmap_remap_pte is set here */
		vmemmap_remap_pte(pte, addr, vmemmap_walk);
	vmemmap_walk->nr_walked++;
}

int vmemmap_remap_range(unsigned long start, unsigned long end,
			struct vmemmap_remap_walk *walk)
{
	pmd_t *pmd = &vpmd;			/* one pmd covers [start, end) */
	unsigned long addr;
	int ret;

	mmap_read_lock(&init_mm);
	/* walk_kernel_page_table_range(start, end, &vmemmap_remap_ops,
	 *	NULL, walk): pmd_entry, then the pte level unless split only */
	ret = vmemmap_pmd_entry(pmd, start, end, walk);
	if (!ret && walk->remap_pte) {
		for (addr = start; addr != end; addr++)
			vmemmap_pte_entry(pte_offset_kernel(pmd, addr), addr,
					  addr + 1, walk);
	}
	mmap_read_unlock(&init_mm);
	if (ret)
		return ret;

	if (walk->remap_pte && !(walk->flags & 2))	/* VMEMMAP_REMAP_NO_TLB_FLUSH */
		flush_tlb_kernel_range(start, end);

	return 0;
}

/* Free a list of the vmemmap pages */
void free_vmemmap_page_list(struct list_head *list)
{
	struct page *page;

	/* list_for_each_entry_safe(page, next, list, lru): Grace has only
	 * list_for_each_entry; freeing a page leaves its lru cells alone */
	list_for_each_entry(page, list, lru) {
		/* free_vmemmap_page(): not PageReserved here */
		__free_page(page);
	}
}

int vmemmap_remap_split(unsigned long start, unsigned long end,
			unsigned long reuse)
{
	struct vmemmap_remap_walk walk = {
		.remap_pte	= NULL,
		.flags		= 1,		/* VMEMMAP_SPLIT_NO_TLB_FLUSH */
	};

	/* See the comment in the vmemmap_remap_free(). */
	BUG_ON(start - reuse != 1);		/* PAGE_SIZE */

	return vmemmap_remap_range(reuse, end, &walk);
}

int vmemmap_remap_free(unsigned long start, unsigned long end,
		       unsigned long reuse, struct list_head *vmemmap_pages,
		       unsigned long flags)
{
	int ret;
	struct vmemmap_remap_walk walk = {
		.remap_pte	= vmemmap_remap_pte,
		.reuse_addr	= reuse,
		.vmemmap_pages	= vmemmap_pages,
		.flags		= flags,
	};

	/*
	 * Allocate a new head vmemmap page to avoid breaking a contiguous
	 * block of struct page memory when freeing it back to page allocator
	 * in free_vmemmap_page_list(). This will allow the likely contiguous
	 * struct page backing memory to be kept contiguous and allowing for
	 * more allocations of hugepages. Fallback to the currently
	 * mapped head page in case should it fail to allocate.
	 */
	walk.reuse_page = alloc_page(GFP_KERNEL);	/* alloc_pages_node(nid, gfp_mask, 0) */
	if (walk.reuse_page) {
		copy_page((unsigned long *)page_address(walk.reuse_page),
			  walk.reuse_addr);	/* page_to_virt() */
		list_add(&walk.reuse_page->lru, vmemmap_pages);
		/* memmap_pages_add(1) */
	}

	BUG_ON(start - reuse != 1);		/* PAGE_SIZE */

	ret = vmemmap_remap_range(reuse, end, &walk);
	/* if (ret && walk.nr_walked): restore with vmemmap_restore_pte();
	 * allocations do not fail here */

	return ret;
}

int __hugetlb_vmemmap_optimize_folio(unsigned long folio,
				     struct list_head *vmemmap_pages,
				     unsigned long flags)
{
	int ret = 0;
	unsigned long vmemmap_start = folio;	/* (unsigned long)&folio->page */
	unsigned long vmemmap_end;
	unsigned long vmemmap_reuse;

	/* VM_WARN_ON_ONCE_FOLIO()s, vmemmap_should_optimize_folio(),
	 * static_branch_inc(): nothing to model */

	if (flags & 4)				/* VMEMMAP_SYNCHRONIZE_RCU */
		synchronize_rcu();
	/*
	 * Very Subtle
	 * If VMEMMAP_REMAP_NO_TLB_FLUSH is set, TLB flushing is not performed
	 * immediately after remapping.  As a result, subsequent accesses
	 * and modifications to struct pages associated with the hugetlb
	 * page could be to the OLD struct pages.  Set the vmemmap optimized
	 * flag here so that it is copied to the new head page.  This keeps
	 * the old and new struct pages in sync.
	 * If there is an error during optimization, we will immediately FLUSH
	 * the TLB and clear the flag below.
	 */
	folio_set_hugetlb_vmemmap_optimized(folio);

	vmemmap_end = vmemmap_start + 2;	/* hugetlb_vmemmap_size(h) */
	vmemmap_reuse = vmemmap_start;
	vmemmap_start += 1;			/* HUGETLB_VMEMMAP_RESERVE_SIZE */

	/*
	 * Remap the vmemmap virtual address range [@vmemmap_start, @vmemmap_end)
	 * to the page which @vmemmap_reuse is mapped to.  Add pages previously
	 * mapping the range to vmemmap_pages list so that they can be freed by
	 * the caller.
	 */
	ret = vmemmap_remap_free(vmemmap_start, vmemmap_end, vmemmap_reuse,
				 vmemmap_pages, flags);
	/* if (ret): static_branch_dec(), folio_clear_hugetlb_vmemmap_optimized() */

	return ret;
}

int hugetlb_vmemmap_split_folio(unsigned long folio)
{
	unsigned long vmemmap_start = folio;
	unsigned long vmemmap_end;
	unsigned long vmemmap_reuse;

	vmemmap_end = vmemmap_start + 2;	/* hugetlb_vmemmap_size(h) */
	vmemmap_reuse = vmemmap_start;
	vmemmap_start += 1;			/* HUGETLB_VMEMMAP_RESERVE_SIZE */

	/*
	 * Split PMDs on the vmemmap virtual address range [@vmemmap_start,
	 * @vmemmap_end]
	 */
	return vmemmap_remap_split(vmemmap_start, vmemmap_end, vmemmap_reuse);
}

void hugetlb_vmemmap_optimize_folios(unsigned long folio)
{
	struct list_head vmemmap_pages;		/* LIST_HEAD(vmemmap_pages) */
	unsigned long flags = 2 | 4;	/* VMEMMAP_REMAP_NO_TLB_FLUSH | VMEMMAP_SYNCHRONIZE_RCU */
	int ret;

	INIT_LIST_HEAD(&vmemmap_pages);

	/* list_for_each_entry(folio, folio_list, lru): one folio */
	ret = hugetlb_vmemmap_split_folio(folio);
	/*
	 * Spliting the PMD requires allocating a page, thus lets fail
	 * early once we encounter the first OOM. No point in retrying
	 * as it can be dynamically done on remap with the memory
	 * we get back from the vmemmap deduplication.
	 */

	flush_tlb_all();

	/* list_for_each_entry(folio, folio_list, lru): one folio */
	ret = __hugetlb_vmemmap_optimize_folio(folio, &vmemmap_pages, flags);
	/* only need to synchronize_rcu() once for each batch */
	flags &= ~4;
	/* ret == -ENOMEM && !list_empty(): flush_tlb_all(), free, retry;
	 * allocations do not fail here */

	/* out: */
	flush_tlb_all();
	free_vmemmap_page_list(&vmemmap_pages);
}

/* ---- the actors -------------------------------------------------------- */

P0(void)
{
	vmemmap_populate();			/* boot */

	/* the hugetlb pool gets the folio whose head struct page is at
	 * vmemmap address 0 and optimizes the batch */
	hugetlb_vmemmap_optimize_folios(0);
}

P1(void)
{
	unsigned long v;

	v = vmemmap_load(1);			/* a tail struct page */
	check_vmemmap_tlb(1);
	v = vmemmap_load(1);
	check_vmemmap_tlb(1);
}
