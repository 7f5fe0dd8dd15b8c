C irq-off-reader-pass

(*
 * A walker that only disables IRQs, against synchronize_rcu() before the
 * free: since v4.20 (rcu=consolidated, the default) an IRQ-disabled
 * region is an RCU reader, so the grace period waits for the walker and
 * its pte read comes before the free.
 *
 * Expect: sc: pass
 * Expect: tso: pass
 * Expect: lkmm: pass
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
