extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let tlbIntroduction = """
        Each CPU caches up to four translations made by `tlb_walk`, its
        paging-structure cache; a flush empties every CPU's cache. How a flush
        waits follows `Config: tlb_flush=` (see <doc:ExecutionModel>). A hardware
        walk is not an RCU reader and is not held off by disabled IRQs.
        `pmdp_collapse_flush`, which empties a pmd before it flushes, is with the
        page-table entries.
        """

    /// TLB flushes and the MMU's walks through a CPU's paging-structure
    /// cache (SPEC §2.4). pmdp_collapse_flush, which clears a pmd first, is
    /// with the page tables.
    static var tlb: [PrimitiveEntry] {
        let locatingTypes = ["vma": "struct vm_area_struct *", "mm": "struct mm_struct *", "tlb": "struct mmu_gather *", "stride_shift": "unsigned int"]
        let located = { (name: String) in Parameter(name, .locating(locatingTypes[name] ?? "unsigned long")) }
        let flushing = "Drops every CPU's cached translations. Under tlb_flush=ipi it completes only when every other CPU has taken the flush IPI, so it waits while a CPU has IRQs disabled, and sending it with IRQs disabled is ipi-with-irqs-off; under tlb_flush=broadcast it completes at once. Its arguments only locate the range."
        func flush(_ name: String, _ parameters: [String], summary: String) -> PrimitiveEntry {
            PrimitiveEntry(
                name, PrimitiveSignature(.none, parameters.map(located)),
                ordering: .fullyOrdered, events: [.context], violations: [.ipiWithIRQsOff, .deadlock], implementation: "flushTLB",
                summary: summary, effect: flushing,
                lowering: .emit(.primitive(.tlb(.flush))))
        }
        return [
            flush("flush_tlb_range", ["vma", "start", "end"], summary: "Flushes the TLB entries of a range of a vma."),
            flush("flush_tlb_page", ["vma", "addr"], summary: "Flushes the TLB entry of one page of a vma."),
            flush("flush_tlb_mm", ["mm"], summary: "Flushes the TLB entries of an mm."),
            flush("flush_tlb_mm_range", ["mm", "start", "end", "stride_shift"], summary: "Flushes the TLB entries of a range of an mm (x86)."),
            flush("flush_tlb_all", [], summary: "Flushes every TLB entry."),
            flush("flush_tlb_kernel_range", ["start", "end"], summary: "Flushes the TLB entries of a kernel range."),
            flush("tlb_flush_mmu_tlbonly", ["tlb"], summary: "Flushes the TLB for an mmu_gather."),
            PrimitiveEntry(
                "tlb_walk", PrimitiveSignature(.type(.pointer(.aggregate(TypeTable.page))), [Parameter("slotp", .pointer(.tableSlot))]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "walkTLB",
                summary: "The MMU translates through *slotp: the page it maps, from this CPU's TLB when cached.",
                effect: "Returns the page this CPU caches for slotp without reading memory; otherwise reads *slotp once and caches the page it finds (NULL when none). Not an RCU reader, not held off by IRQs being disabled.",
                lowering: .emit(.primitive(.tlb(.walk)))),
        ]
    }
}
