C irqoff-walker-consolidated-pass

(*
 * Kernel execution model fixture: since the RCU flavour consolidation
 * (v4.20) an IRQ-disabled region holds off the grace period of call_rcu(),
 * so a walker that only disables IRQs is safe against a table freed
 * through call_rcu() (PROTOCOLS.md 1.2).
 *
 * Source: the generic pte_free_defer()/pte_free_now() of mainline
 * mm/pgtable-generic.c (PROTOCOLS.md 8, S36); the "Semi RCU freeing"
 * comment of torvalds/linux mm/mmu_gather.c @ 06d074298583 ("We use the
 * sched RCU variant, as that guarantees that IRQ/preempt disabling holds
 * off grace periods"); the walker is the 2014 __get_user_pages_fast() of
 * "[PATCH V3 1/6] mm: Introduce a general RCU get_user_pages_fast.", Steve
 * Capper, 2014-08-28, whose pte_offset_map() was pte_offset_kernel() and
 * took no rcu_read_lock().
 *
 * Actors:
 *   P0, CPU0 task: unhooks the table (pmd_clear(pmd0)) and frees it with
 *       pte_free_defer().  No TLB flush: there is no hardware walker here,
 *       and under tlb_flush=ipi a flush would itself wait for the IRQ-off
 *       walker and hide the RCU question this fixture asks.
 *   P1, CPU1 task: IRQ-off walker: local_irq_disable(), READ_ONCE() of pmd0,
 *       and if present ptep_get() of a pte of the table it names (the 2014
 *       pte_offset_map() was pte_offset_kernel(): pmd_page_vaddr() plus the
 *       index), local_irq_enable(); no rcu_read_lock().
 *   pte_free_now(): RCU callback, softirq on CPU0.
 *
 * Why it passes: a walker that saw pmd0 -> pt entered its IRQ-off region
 * before pmd_clear(), hence before call_rcu(); under rcu=consolidated that
 * region is an RCU reader, so the grace period, and pte_free_now(), wait
 * for local_irq_enable().
 *
 * Invariant: C-I1, no table is freed while an IRQ-off walker that may hold
 * a pointer to it is inside its IRQ-off section.
 *
 * Expect: sc: pass
 * Config: rcu=consolidated
 *)

{
  struct mm_struct mm;
  struct page pt;
  pmd_t pmd0 = pt;
}

void pte_free_now(struct rcu_head *head)
{
	struct page *page;

	page = container_of(head, struct page, rcu_head);
	pte_free(NULL /* mm not passed and not used */, page);
}

void pte_free_defer(struct mm_struct *mm, pgtable_t pgtable)
{
	struct page *page;

	page = pgtable;
	call_rcu(&page->rcu_head, pte_free_now);
}

/* The address of the table a pmd value points to (x86 and arm64 spell it
 * so); pte_offset_kernel(&pmd, addr) adds pte_index(addr), 0 here. */
unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)page_address(pmd_page(pmd));
}

P0(pmd_t *pmd0, struct mm_struct *mm)
{
	pgtable_t token;

	token = pmd_pgtable(*pmd0);
	pmd_clear(pmd0);
	pte_free_defer(mm, token);
}

P1(pmd_t *pmd0)
{
	pmd_t pmd;
	pte_t *ptep;
	pte_t pte;

	local_irq_disable();
	pmd = READ_ONCE(*pmd0);
	if (pmd_present(pmd)) {
		/* pte_offset_map(&pmd, addr), in 2014 pte_offset_kernel(): no RCU */
		ptep = (pte_t *)pmd_page_vaddr(pmd);
		pte = ptep_get(ptep);
	}
	local_irq_enable();
}
