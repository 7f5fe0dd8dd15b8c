C folio-pass

(*
 * The mainline spellings of the same pages: folios and ptdescs.
 * pagetable_alloc() gives a page-table page as a ptdesc; ptdesc_page(),
 * page_ptdesc() and ptdesc_address() move between its types and its
 * contents; page_folio() of an order-0 page is the page; folio_get(),
 * folio_ref_count() and folio_put() keep its references, and
 * pagetable_free() drops the last.  __get_free_pages(), get_zeroed_page()
 * and alloc_pages(gfp, 0) allocate as __get_free_page() and alloc_page()
 * do.
 *
 * Expect: sc: pass
 *)

{
	int done = 0;
}

P0(int *done)
{
	struct ptdesc *pt;
	struct page *page;
	struct folio *folio;
	unsigned long *ptes;
	unsigned long addr;
	struct page *other;

	pt = pagetable_alloc(GFP_KERNEL, 0);
	page = ptdesc_page(pt);
	assert(page_ptdesc(page) == pt);
	ptes = ptdesc_address(pt);
	WRITE_ONCE(ptes[0], 5);
	folio = page_folio(page);
	folio_get(folio);
	assert(folio_ref_count(folio) == 2);
	folio_put(folio);
	pagetable_free(pt);

	addr = __get_free_pages(GFP_KERNEL, 0);
	free_pages(addr, 0);
	addr = get_zeroed_page(GFP_KERNEL);
	assert(READ_ONCE(*(unsigned long *)addr) == 0);
	free_page(addr);
	other = alloc_pages(GFP_KERNEL, 0);
	__free_pages(other, 0);
	WRITE_ONCE(*done, 1);
}
