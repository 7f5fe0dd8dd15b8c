C hlist-fail

(*
 * hlist_add_head() of a node that is already on an hlist: P0 and P1 both
 * insert the same node into two buckets.
 *
 * Expect: sc: violation list-corruption
 *)

{
	struct hlist_head a;
	struct hlist_head b;
	struct hlist_node n;
	spinlock_t lock;
}

P0(struct hlist_head *a, struct hlist_node *n, spinlock_t *lock)
{
	spin_lock(lock);
	hlist_add_head(n, a);
	spin_unlock(lock);
}

P1(struct hlist_head *b, struct hlist_node *n, spinlock_t *lock)
{
	spin_lock(lock);
	hlist_add_head(n, b);
	spin_unlock(lock);
}
