C reader-vs-callback-free-fail

(*
 * The same walker without rcu_read_lock() (pte_offset_kernel(), no
 * pte_unmap()): the grace period does not wait for it, so the free can
 * come between its pmd read and its pte read, a use-after-free under
 * every memory model; under lkmm the pte read and the free race.
 *
 * Expect: sc: violation use-after-free
 * Expect: tso: violation use-after-free
 * Expect: lkmm: violation use-after-free
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

	pte = pte_offset_kernel(pmd0, 0);
	if (!pte)
		return;
	entry = ptep_get(pte);
}
