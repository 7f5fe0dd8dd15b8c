extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let mmuGatherIntroduction = """
        The kernel's mmu_gather (mm/mmu_gather.c, include/asm-generic/tlb.h): an
        unmap gathers the pages and page tables it takes down, flushes the TLB,
        and only then frees them. Each primitive compiles to the steps its kernel
        function takes (an allocation, a flush, an IPI, a `call_rcu`), all shown
        at the call in a trace; the gather's own fields are plain accesses, and
        no steps at all when the `struct mmu_gather` is a local, as it is on
        munmap's stack.

        `Config: table_free=` says how the architecture frees page tables. `rcu`
        (the default) is `CONFIG_MMU_GATHER_RCU_TABLE_FREE`, the "semi RCU"
        scheme: `tlb_remove_table` puts the table in a batch, a page from
        `__get_free_page(GFP_NOWAIT | __GFP_NOWARN)` holding an `rcu_head`, a
        count and `page_words` − 3 tables; a full batch, and the batch at
        `tlb_flush_mmu`, is queued with `call_rcu` after the TLB is invalidated
        (`tlb_needs_table_invalidate()` is the generic default, true), and the
        callback frees its tables. When the batch page cannot be had, the
        TLB is invalidated, an IPI is sent to every other CPU and waited for
        (`tlb_remove_table_sync_one`, which syncs with IRQ-disabled walkers only:
        it is no grace period), and the table is freed at once. `pages` is an
        architecture without it: a table is gathered as a page is, and freed
        after the TLB flush. A table is freed by the model's own
        `__tlb_remove_table(void *table)`, the architecture's hook, when the
        model defines one, and else as a page (`pagetable_free`). Gathered pages
        each lose a reference (`put_page`); the gather holds four before it must
        flush.
        """

    /// struct mmu_gather and its API, as the kernel's arch hooks call it.
    static var mmuGather: [PrimitiveEntry] {
        let tlb = Parameter("tlb", .pointer(.mmuGather))
        let gathering: [ViolationKind] = [.useAfterFree, .doubleFree, .badPageState, .listCorruption, .ipiWithIRQsOff, .deadlock, .rcuHeadReuse, .bug]
        let flushing = "tlb_flush_mmu_tlbonly() (a TLB flush as flush_tlb_mm, which under tlb_flush=ipi waits for CPUs with IRQs disabled), then under table_free=rcu the table batch, if any, to call_rcu(), then put_page() of every gathered page."
        return [
            PrimitiveEntry(
                "tlb_gather_mmu", aliases: ["tlb_gather_mmu_fullmm"], PrimitiveSignature(.none, [tlb, Parameter("mm", .value("struct mm_struct *"))]),
                ordering: .plainAccess, events: [.write], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Starts a gather for mm: no table batch, no pages.",
                effect: "Stores mm, a NULL batch and no pages into *tlb.",
                lowering: .custom { compiler, call in compiler.tlbGatherMMU(call) }),
            PrimitiveEntry(
                "tlb_remove_table", aliases: ["tlb_remove_ptdesc"], PrimitiveSignature(.none, [tlb, Parameter("table", .value("void *"))]),
                ordering: .fullyOrdered, events: [.alloc, .context, .rcu, .free], violations: gathering, implementation: "execute",
                summary: "Frees a page table once no walker can reach it: by RCU, by IPI, or with the gathered pages, as table_free= says.",
                effect: "table_free=rcu: with no batch yet, allocates one (GFP_NOWAIT, so it may fail); on failure flushes the TLB, sends an empty IPI to every other CPU and waits for each, then __tlb_remove_table(table) at once; else adds table to the batch, and a full batch is flushed: TLB flush, call_rcu() of the batch. table_free=pages: tlb_remove_page(tlb, table).",
                lowering: .custom { compiler, call in compiler.tlbRemoveTable(call) },
                allocates: true),
            PrimitiveEntry(
                "tlb_remove_page", PrimitiveSignature(.none, [tlb, Parameter("page", .value("struct page *"))]),
                ordering: .plainAccess, events: [.write, .context, .free], violations: gathering, implementation: "execute",
                summary: "Gathers a page to free after the TLB flush.",
                effect: "Adds page to the gather; the fourth fills it, and tlb_flush_mmu() runs then.",
                lowering: .custom { compiler, call in compiler.tlbRemovePage(call) }),
            PrimitiveEntry(
                "tlb_flush_mmu", PrimitiveSignature(.none, [tlb]),
                ordering: .fullyOrdered, events: [.context, .rcu, .free], violations: gathering, implementation: "flushTLB",
                summary: "Flushes the TLB, then frees what was gathered.", effect: flushing,
                lowering: .custom { compiler, call in compiler.tlbFlushMMU(call) }),
            PrimitiveEntry(
                "tlb_finish_mmu", PrimitiveSignature(.none, [tlb]),
                ordering: .fullyOrdered, events: [.context, .rcu, .free], violations: gathering, implementation: "flushTLB",
                summary: "Ends the gather: flushes the TLB and frees what was gathered.", effect: "tlb_flush_mmu(tlb): " + flushing,
                lowering: .custom { compiler, call in compiler.tlbFlushMMU(call) }),
            PrimitiveEntry(
                "tlb_remove_table_sync_one", PrimitiveSignature(.none, []),
                ordering: .fullyOrdered, events: [.context], violations: [.ipiWithIRQsOff, .deadlock], implementation: "sendIPI",
                summary: "Syncs with IRQ-disabled walkers: an empty IPI to every other CPU, waited for.",
                effect: "smp_call_function(tlb_remove_table_smp_sync, NULL, 1): returns once every other CPU has taken the IPI, so once every IRQ-off section that was running has ended. It is no RCU grace period: rcu_read_lock() readers take the IPI at once.",
                lowering: .custom { compiler, _ in
                    compiler.syncWithIRQsOffWalkers()
                    return .void
                }),
        ]
    }
}
