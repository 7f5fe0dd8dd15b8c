C freelinked-2-fail

(*
 * kfree() of an object whose list_head is still linked: the list keeps a
 * pointer into freed memory.  P0 links the item and frees it without
 * list_del().
 *
 * Expect: sc: violation list-corruption
 *)

struct item {
	int value;
	struct list_head node;
};

{
	struct list_head items;
}

P0(struct list_head *items)
{
	struct item *it;

	it = kmalloc(sizeof(struct item), GFP_KERNEL);
	it->value = 1;
	list_add(&it->node, items);
	kfree(it);
}
