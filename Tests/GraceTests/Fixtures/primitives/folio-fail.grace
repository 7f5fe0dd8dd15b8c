C folio-fail

(*
 * folio_put() of a reference the caller does not hold: P0 and P1 each
 * drop "their" reference to a folio that has one, and the second put
 * frees a free page.
 *
 * Expect: sc: violation double-free
 *)

{
	struct page pg;
}

P0(struct page *pg)
{
	folio_put(page_folio(pg));
}

P1(struct page *pg)
{
	struct folio *folio = page_folio(pg);

	if (folio_ref_count(folio) == 1)
		folio_put(folio);
}
