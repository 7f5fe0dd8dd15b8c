C reader-vs-callback-free-pass

(*
 * A page table unhooked from its pmd and freed through call_rcu(), under
 * a walker inside rcu_read_lock(): the callback's grace period waits for
 * the walker, whose pte read is ordered before the free by LKMM's rcu
 * axiom.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Expect: lkmm: pass
 *)

{
  struct page pt;
  pmd_t pmd0 = pt;
}

void free_table(struct rcu_head *head)
{
	__free_page(container_of(head, struct page, rcu_head));
}

P0(pmd_t *pmd0)
{
	struct page *table = pmd_pgtable(pmdp_get_lockless(pmd0));

	pmd_clear(pmd0);
	call_rcu(&table->rcu_head, free_table);
}

P1(pmd_t *pmd0)
{
	pte_t *pte;
	pte_t entry;

	pte = pte_offset_map(pmd0, 0);
	if (!pte)
		return;
	entry = ptep_get(pte);
	pte_unmap(pte);
}
