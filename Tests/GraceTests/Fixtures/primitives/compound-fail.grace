C compound-fail

(*
 * A tail page checked before a split and used after it: P1 finds T a tail
 * and takes its head; P0 splits the compound page (clear_compound_head());
 * P1's VM_BUG_ON_PAGE(!PageTail(page)), the check of 2014's
 * get_huge_page_tail(), fires when the split came between.
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

P1(struct page *T)
{
	struct page *head;

	if (!PageTail(T))
		return;
	head = compound_head(T);
	VM_BUG_ON_PAGE(!PageTail(T), T);
}
