C hvo-pre-series

(*
 * HugeTLB vmemmap optimization before the batching series (PROTOCOLS.md
 * 6.5, variant e-C0): one folio at a time; splitting a vmemmap PMD flushes
 * that PMD's range at once, remapping a folio's vmemmap flushes the
 * folio's range, and only then are the old vmemmap pages freed.
 *
 * Sources: mm/hugetlb_vmemmap.c as it stood before f4b7e3efaddb "hugetlb:
 * batch PMD split for bulk vmemmap dedup" (v6.6 text, the lines the
 * "[PATCH v8 6/8] hugetlb: batch PMD split for bulk vmemmap dedup" and
 * "hugetlb: batch TLB flushes when freeing vmemmap" diffs of Joao Martins
 * / Mike Kravetz, 2023-10, remove; PROTOCOLS.md 6.3: "Before the series
 * every split did flush_tlb_kernel_range(start, start + PMD_SIZE) and every
 * remap did flush_tlb_kernel_range(start, end)"): hugetlb_vmemmap_optimize(),
 * vmemmap_remap_free() (new head page, walk, free_vmemmap_page_list()),
 * vmemmap_remap_range(), vmemmap_pmd_range(), split_vmemmap_huge_pmd(),
 * __split_vmemmap_huge_pmd(), vmemmap_pte_range(), vmemmap_remap_pte().
 * The head-page copy is Joao Martins's "mm/hugetlb_vmemmap: remap head
 * page to newly allocated page" (v6.2).  The pre-series text read has no
 * smp_wmb() before set_pte_at() in vmemmap_remap_pte() (f4b7e3efaddb's
 * text has one); it only matters to E-I3 under a weak memory model.
 *
 * Objects: the folio's struct pages fill two vmemmap pages, V0 (the head
 * struct page and the first tails: the reuse page) and V1 (tails only),
 * mapped at first by one 2M leaf, vpmd (page_words = 2: the "2M" block is
 * V0, V1 and a split table has 2 ptes).  Model vmemmap addresses count
 * pages: 0 is V0's, 1 is V1's; RESERVE size 1 page.  Word 0 of a vmemmap
 * page stands for the first struct page there (for V0 the head's private,
 * where HPG_vmemmap_optimized, bit 4, lives).
 *
 * Actors:
 *   P0, CPU0 task: O.  Boot first: vmemmap_populate() installs the 2M
 *       leaf (Grace's init block cannot declare a huge pmd).  Then
 *       hugetlb_vmemmap_optimize(): new head page N (copy of V0 read
 *       through CPU0's vmemmap translation), walk: split (pte table Tv,
 *       ptes to V0 and V1, smp_wmb(), pmd_populate_kernel() and
 *       flush_tlb_kernel_range() under init_mm.page_table_lock), remap
 *       pte 0 -> N (RW) and pte 1 -> N (RO), V0 and V1 onto the free list;
 *       flush_tlb_kernel_range(); free_vmemmap_page_list();
 *       SetHPageVmemmapOptimized() (through the new mapping).
 *       Allocations do not fail here (GFP_KERNEL), so the error paths are
 *       not explored.
 *   P1, CPU1: R + HW.  Two loads of a tail struct page (vmemmap address
 *       1), each one tlb_read(): the MMU translates through its TLB (a
 *       cached 2M leaf entry, or a cached table pointer and 4K entry) or
 *       walks vpmd and the pte, and reads the page it lands on, in one
 *       step, with IRQs on and outside any RCU reader, as hardware does.
 *       After each load an observer checks the tables against CPU1's TLB
 *       (E-I2, E-I6).
 *   BA is left out: any access to a freed page is already a
 *       use-after-free in Grace.
 *
 * Why it passes: the split's flush runs before the walk changes any pte,
 * so no 2M entry survives into the remap (E-I6); the remap's flush comes
 * before V0 and V1 are freed (E-I1).  A load is one step, so each flush
 * completes before its translation or after its access.
 *
 * Invariants: E-I1, no vmemmap page is freed while a TLB may still
 * translate to it (use-after-free on the load); E-I2, the MMU that finds
 * vpmd -> Tv finds the pte present (BUG_ON in the observer); E-I6, the
 * MMU never uses a 2M entry for a range whose current 4K ptes map other
 * pages (assert in the observer, which reads vpmd and the pte, then CPU1's
 * TLB entry for vpmd).
 *
 * Under tso it fails (violation bug,
 * Counterexamples/hugetlb-vmemmap/hvo-pre-series.tso.txt): CPU0's own
 * set_pmd_at() of the boot-time populate is still in its store buffer when
 * CPU0's MMU walks vpmd for copy_page(), and the x86 page walker reads
 * memory, not its CPU's store buffer, so it finds no mapping.  The model
 * puts boot and the remap back to back on one CPU with nothing that drains
 * between them; the kernel populates the vmemmap long before, across
 * serializing events, so this is the model's compression, not a bug of
 * the pre-series code.
 *
 * Expect: sc: pass
 * Expect: tso: violation bug
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

/* SetHPageVmemmapOptimized(head): set_bit(HPG_vmemmap_optimized,
 * &head->private), through this CPU's vmemmap translation */
void SetHPageVmemmapOptimized(unsigned long head)
{
	set_bit(4, (unsigned long *)page_address(vmemmap_translate(head)));
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

/* ---- mm/hugetlb_vmemmap.c, pre-series (CPU0) -------------------------- */

struct vmemmap_remap_walk {
	void (*remap_pte)(pte_t *pte, unsigned long addr,
			  struct vmemmap_remap_walk *walk);
	unsigned long nr_walked;
	struct page *reuse_page;
	unsigned long reuse_addr;
	struct list_head *vmemmap_pages;
};

int __split_vmemmap_huge_pmd(pmd_t *pmd, unsigned long start)
{
	pmd_t __pmd;
	int i;
	unsigned long addr = start;
	struct page *page = pmd_page(*pmd);
	pte_t *pgtable = pte_alloc_one_kernel(&init_mm);
	pte_t entry;
	pte_t *pte;

	if (!pgtable)
		return -12;			/* -ENOMEM */

	pmd_populate_kernel(&init_mm, &__pmd, pgtable);

	for (i = 0; i < PTRS_PER_PTE; i++) {
		entry = mk_pte(vmemmap_block_page(page, i), PAGE_KERNEL);	/* page + i */
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
		if (!PageReserved(page))
			split_page(page, 9);	/* get_order(PMD_SIZE) */

		/* Make pte visible before pmd. See comment in pmd_install(). */
		smp_wmb();
		pmd_populate_kernel(&init_mm, pmd, pgtable);
		flush_tlb_kernel_range(start, start + PTRS_PER_PTE);	/* PMD_SIZE */
	} else {
		pte_free_kernel(&init_mm, pgtable);
	}
	spin_unlock(&init_mm.page_table_lock);

	return 0;
}

int split_vmemmap_huge_pmd(pmd_t *pmd, unsigned long start)
{
	int leaf;

	spin_lock(&init_mm.page_table_lock);
	leaf = pmd_leaf(*pmd);
	spin_unlock(&init_mm.page_table_lock);

	if (!leaf)
		return 0;

	return __split_vmemmap_huge_pmd(pmd, start);
}

void vmemmap_remap_pte(pte_t *pte, unsigned long addr,
		       struct vmemmap_remap_walk *walk)
{
	/*
	 * Remap the tail pages as read-only to catch illegal write operation
	 * to the tail pages.
	 */
	unsigned long pgprot = PAGE_KERNEL_RO;
	struct page *page = pte_page(ptep_get(pte));	/* pte_page(*pte) */
	pte_t entry;

	/* Remapping the head page requires r/w */
	if (addr == walk->reuse_addr) {
		pgprot = PAGE_KERNEL;
		list_del(&walk->reuse_page->lru);
	}

	entry = mk_pte(walk->reuse_page, pgprot);
	list_add_tail(&page->lru, walk->vmemmap_pages);
	set_pte_at(&init_mm, addr, pte, entry);
}

void vmemmap_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
		       struct vmemmap_remap_walk *walk)
{
	pte_t *pte = pte_offset_kernel(pmd, addr);

	/*
	 * The reuse_page is found 'first' in table walk before we start
	 * remapping (which is calling @walk->remap_pte).
	 */
	if (!walk->reuse_page) {
		walk->reuse_page = pte_page(ptep_get(pte));
		/*
		 * Because the reuse address is part of the range that we are
		 * walking, skip the reuse address range.
		 */
		addr++;				/* addr += PAGE_SIZE */
		pte++;
		walk->nr_walked++;
	}

	for (; addr != end; addr++) {		/* addr += PAGE_SIZE, pte++ */
		/* walk->remap_pte(pte, addr, walk): Grace calls by name; only
		 * vmemmap_remap_pte is set here */
		vmemmap_remap_pte(pte, addr, walk);
		walk->nr_walked++;
		pte++;
	}
}

int vmemmap_remap_range(unsigned long start, unsigned long end,
			struct vmemmap_remap_walk *walk)
{
	pmd_t *pmd = &vpmd;			/* one pgd .. pmd covers [start, end) */
	int ret;

	/* vmemmap_pmd_range(): */
	ret = split_vmemmap_huge_pmd(pmd, start - start % PTRS_PER_PTE);	/* addr & PMD_MASK */
	if (ret)
		return ret;
	vmemmap_pte_range(pmd, start, end, walk);

	/*
	 * We only change the mapping of the vmemmap virtual address range
	 * [@start + PAGE_SIZE, end), so we only need to flush the TLB which
	 * belongs to the range.
	 */
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

int vmemmap_remap_free(unsigned long start, unsigned long end,
		       unsigned long reuse)
{
	int ret;
	struct list_head vmemmap_pages;		/* LIST_HEAD(vmemmap_pages) */
	struct vmemmap_remap_walk walk = {
		.remap_pte	= vmemmap_remap_pte,
		.reuse_addr	= reuse,
		.vmemmap_pages	= &vmemmap_pages,
	};

	INIT_LIST_HEAD(&vmemmap_pages);

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
		list_add(&walk.reuse_page->lru, &vmemmap_pages);
	}

	BUG_ON(start - reuse != 1);		/* PAGE_SIZE */

	mmap_read_lock(&init_mm);
	ret = vmemmap_remap_range(reuse, end, &walk);
	/* if (ret && walk.nr_walked): restore with vmemmap_restore_pte();
	 * allocations do not fail here */
	mmap_read_unlock(&init_mm);

	free_vmemmap_page_list(&vmemmap_pages);

	return ret;
}

void hugetlb_vmemmap_optimize(unsigned long head)
{
	unsigned long vmemmap_start = head;	/* (unsigned long)head */
	unsigned long vmemmap_end;
	unsigned long vmemmap_reuse;

	/* vmemmap_should_optimize(), static_branch_inc(): nothing to model */

	vmemmap_end = vmemmap_start + 2;	/* hugetlb_vmemmap_size(h) */
	vmemmap_reuse = vmemmap_start;
	vmemmap_start += 1;			/* HUGETLB_VMEMMAP_RESERVE_SIZE */

	/*
	 * Remap the vmemmap virtual address range [@vmemmap_start, @vmemmap_end)
	 * to the page which @vmemmap_reuse is mapped to, then free the pages
	 * which the range [@vmemmap_start, @vmemmap_end] is mapped to.
	 */
	if (vmemmap_remap_free(vmemmap_start, vmemmap_end, vmemmap_reuse))
		return;				/* static_branch_dec() */
	SetHPageVmemmapOptimized(head);
}

/* ---- the actors -------------------------------------------------------- */

P0(void)
{
	vmemmap_populate();			/* boot */

	/* the hugetlb pool gets the folio whose head struct page is at
	 * vmemmap address 0 and optimizes it */
	hugetlb_vmemmap_optimize(0);
}

P1(void)
{
	unsigned long v;

	v = vmemmap_load(1);			/* a tail struct page */
	check_vmemmap_tlb(1);
	v = vmemmap_load(1);
	check_vmemmap_tlb(1);
}
