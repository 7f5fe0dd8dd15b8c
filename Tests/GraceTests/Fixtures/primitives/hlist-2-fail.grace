C hlist-2-fail

(*
 * hlist_del() of a node that hlist_del() already removed: it was poisoned.
 *
 * Expect: sc: violation list-corruption
 *)

{
	struct hlist_head h;
	struct hlist_node n;
}

P0(struct hlist_head *h, struct hlist_node *n)
{
	hlist_add_head(n, h);
	hlist_del(n);
	hlist_del(n);
}
