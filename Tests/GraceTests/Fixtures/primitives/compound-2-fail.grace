C compound-2-fail

(*
 * A head page checked before a split and relied on after it: P1 finds H a
 * head with PageHead() and then checks it again as a caller that expects
 * a compound page does (VM_BUG_ON_PAGE(!PageHead(page))); P0's split
 * clears PG_head between the two: bug.
 *
 * Expect: sc: violation bug
 *)

{
	struct page H;
	struct page T;
}

P0(struct page *H, struct page *T)
{
	prep_compound_page(H, 1);
	clear_compound_head(T);			/* split */
	__ClearPageHead(H);
}

P1(struct page *H)
{
	if (!PageHead(H))
		return;
	VM_BUG_ON_PAGE(!PageHead(H), H);
}
