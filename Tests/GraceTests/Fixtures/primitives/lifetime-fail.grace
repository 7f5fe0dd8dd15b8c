C lifetime-fail

(*
 * P1 frees the page without waiting for P0: when the free falls before P0's
 * store or load of the contents, that access is a use-after-free.
 *
 * Expect: sc: violation use-after-free
 *)

{
	struct page pg;
}

P0(struct page *pg)
{
	unsigned long *data;
	unsigned long r0;

	data = page_address(pg);
	WRITE_ONCE(data[1], 5);
	r0 = READ_ONCE(data[1]);
}

P1(struct page *pg)
{
	__free_page(pg);
}
