C compound-pass

(*
 * Compound pages: prep_compound_page() makes H and the page declared after
 * it one compound page of order 1; PageHead(), folio_test_head() and
 * PageTail() tell head from tail; compound_head() and page_folio() of the
 * tail are the head, of the head the head itself.  A split turns the tail
 * into a page of its own (clear_compound_head(), __ClearPageHead()), and
 * set_compound_head() makes it a tail again.
 *
 * Expect: sc: pass
 *)

{
	struct page H;
	struct page T;
}

P0(struct page *H, struct page *T)
{
	prep_compound_page(H, 1);
	assert(PageHead(H) && folio_test_head(page_folio(H)) && !PageTail(H));
	assert(PageTail(T) && !PageHead(T));
	assert(compound_head(T) == H && page_folio(T) == H && compound_head(H) == H);

	clear_compound_head(T);
	__ClearPageHead(H);
	assert(!PageTail(T) && compound_head(T) == T && !PageHead(H));

	set_compound_head(T, H);
	__SetPageHead(H);
	assert(compound_head(T) == H);
}
