#!/usr/bin/env bash
# generate-pte-free-defer.sh K F W -- writes, to stdout, the Grace model of
# powerpc pte_free_defer() v3 at the size of the SPIN benchmark in
# ../shared/bench/spin/pte-free-defer-v3.pml: one page of N = K + F fragments,
# K retract threads (pmd clear, pte_free_defer), F munmap threads (pmd clear,
# pte_fragment_free) and W RCU walkers that each read any one pmd.
set -euo pipefail
K=$1 F=$2 W=$3
N=$((K + F))
pmds=$(for ((i = 0; i < N; i++)); do printf 'pt%s' "$([ $i -lt $((N - 1)) ] && echo ', ')"; done)
cat <<MODEL
C pte-free-defer-v3-K${K}F${F}W${W}

(*
 * powerpc pte_free_defer() v3 (32cc0b7c9d50) at benchmark size K=$K F=$F W=$W:
 * $K retract threads, $F munmap threads and $W lockless RCU walkers over one
 * page of $N page-table fragments, as in the SPIN benchmark model.
 *
 * Expect: sc: pass
 *)

{
  struct page pt = { .pt_frag_refcount = $N };
  pmd_t pmd[$N] = { $pmds };
}

void pte_free_now(struct rcu_head *head)
{
	struct page *page = container_of(head, struct page, rcu_head);

	pgtable_pte_page_dtor(page);
	__free_page(page);
}

void pte_fragment_free(struct page *page, int kernel)
{
	BUG_ON(atomic_read(&page->pt_frag_refcount) <= 0);
	if (atomic_dec_and_test(&page->pt_frag_refcount)) {
		if (!kernel && TestClearPageActive(page))
			call_rcu(&page->rcu_head, pte_free_now);
		else
			pte_free_now(&page->rcu_head);
	}
}

void pte_free_defer(struct page *page)
{
	SetPageActive(page);
	pte_fragment_free(page, 0);
}

void walker(pmd_t *pmd)
{
	pmd_t entry;

	rcu_read_lock();
	entry = pmdp_get_lockless(&pmd[choose($N)]);
	if (!pmd_none(entry))
		READ_ONCE(*(unsigned long *)page_address(pmd_page(entry)));
	rcu_read_unlock();
}
MODEL
thread=0
for ((i = 0; i < K; i++)); do
  printf '\nP%d(pmd_t *pmd, struct page *pt)\n{\n\tpmd_clear(&pmd[%d]);\n\tpte_free_defer(pt);\n}\n' $thread $i
  thread=$((thread + 1))
done
for ((i = K; i < N; i++)); do
  printf '\nP%d(pmd_t *pmd, struct page *pt)\n{\n\tpmd_clear(&pmd[%d]);\n\tpte_fragment_free(pt, 0);\n}\n' $thread $i
  thread=$((thread + 1))
done
for ((i = 0; i < W; i++)); do
  printf '\nP%d(pmd_t *pmd)\n{\n\twalker(pmd);\n}\n' $thread
  thread=$((thread + 1))
done
