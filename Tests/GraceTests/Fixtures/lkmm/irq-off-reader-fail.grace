C irq-off-reader-fail

(*
 * The same walker before v4.20 (rcu=pre-4.20): an IRQ-disabled region is
 * a reader only of the sched flavour, synchronize_rcu() does not wait for
 * it, and the free can come between its pmd read and its pte read.
 *
 * Expect: sc: violation use-after-free
 * Expect: tso: violation use-after-free
 * Expect: lkmm: violation use-after-free
 * Config: rcu=pre-4.20
 *)

{
  struct page pt;
  pmd_t pmd0 = pt;
}

P0(pmd_t *pmd0)
{
	struct page *table = pmd_pgtable(pmdp_get_lockless(pmd0));

	pmd_clear(pmd0);
	synchronize_rcu();
	__free_page(table);
}

P1(pmd_t *pmd0)
{
	unsigned long flags;
	pte_t *pte;
	pte_t entry;

	local_irq_save(flags);
	pte = pte_offset_kernel(pmd0, 0);
	if (pte)
		entry = ptep_get(pte);
	local_irq_restore(flags);
}
