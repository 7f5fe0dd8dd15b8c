C folio-2-fail

(*
 * A page-table page kept by a folio reference after pagetable_free(): the
 * extra reference from folio_get() keeps its contents, and
 * ptdesc_address()'s pointer into them, valid; folio_put() of it is the
 * last and frees the page, so the write through that pointer afterwards
 * is a use-after-free.  __get_free_pages(), get_zeroed_page() and
 * alloc_pages() are used and freed in between.
 *
 * Expect: sc: violation use-after-free
 *)

{
	int done = 0;
}

P0(int *done)
{
	struct ptdesc *pt;
	struct page *page;
	unsigned long *ptes;
	unsigned long addr;
	struct page *other;

	pt = pagetable_alloc(GFP_KERNEL, 0);
	page = ptdesc_page(pt);
	assert(page_ptdesc(page) == pt);
	ptes = ptdesc_address(pt);
	folio_get(page_folio(page));
	pagetable_free(pt);
	WRITE_ONCE(ptes[0], 1);			/* the folio reference keeps it */
	addr = __get_free_pages(GFP_KERNEL, 0);
	free_pages(addr, 0);
	addr = get_zeroed_page(GFP_KERNEL);
	free_page(addr);
	other = alloc_pages(GFP_KERNEL, 0);
	__free_pages(other, 0);
	folio_put(page_folio(page));		/* the last reference */
	WRITE_ONCE(ptes[0], 2);
	WRITE_ONCE(*done, 1);
}
