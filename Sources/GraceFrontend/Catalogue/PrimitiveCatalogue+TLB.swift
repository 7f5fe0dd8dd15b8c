extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let tlbIntroduction = """
        Each CPU caches up to four translations, its paging-structure cache, one
        per slot the MMU walked; a flush empties every CPU's cache. How a flush
        waits follows `Config: tlb_flush=` (see <doc:ExecutionModel>). A hardware
        walk is not an RCU reader and is not held off by disabled IRQs.
        `tlb_read` and `tlb_write` are a load and a store through a virtual
        address: the walk and the access are one step, so a flush that has
        completed comes before the walk or after the access, never between them.
        `tlb_walk` hands the model the translation itself; what the model then
        does with it is ordinary software. `pmdp_collapse_flush`, which empties a
        pmd before it flushes, is with the page-table entries.
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
                effect: "Returns the page this CPU caches for slotp without reading memory; otherwise reads *slotp once and caches the page it finds (NULL when none). Not an RCU reader, not held off by IRQs being disabled. The model's later accesses through the page it returns are software accesses, separate steps: to model a load or store the hardware makes, use tlb_read or tlb_write.",
                lowering: .emit(.primitive(.tlb(.walk)))),
            PrimitiveEntry(
                "tlb_read", PrimitiveSignature(.type(.unsignedLong), [Parameter("slotp", .pointer(.tableSlot)), Parameter("i", .integer("unsigned long"))]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "accessThroughMMU",
                summary: "A load through the MMU: translates through *slotp and reads word i of what it maps, in one step.",
                effect: mmuAccess + " The read returns the word; a fault reads 0.",
                lowering: .custom { compiler, call in
                    compiler.emit(.primitive(.tlb(.read(call.target == .pmd ? .pmd : .pte))))
                    return .unsignedLong
                }),
            PrimitiveEntry(
                "tlb_write",
                PrimitiveSignature(.none, [Parameter("slotp", .pointer(.tableSlot)), Parameter("i", .integer("unsigned long")), Parameter("v", .value("unsigned long"))]),
                ordering: .relaxedAccess, events: [.write], violations: [.useAfterFree, .unionMisuse, .bug], implementation: "accessThroughMMU",
                summary: "A store through the MMU: translates through *slotp and writes v to word i of what it maps, in one step.",
                effect: mmuAccess + " A fault, or a read-only translation, stores nothing.",
                lowering: .custom { compiler, call in
                    compiler.emit(.primitive(.tlb(.write(call.target == .pmd ? .pmd : .pte))))
                    return .void
                }),
        ]
    }

    /// What tlb_read and tlb_write share.
    private static let mmuAccess = "A pte maps one page: i is a word of it, 0 to page_words - 1. A pmd maps PTRS_PER_PTE such pages: i, 0 to PTRS_PER_PTE x page_words - 1, is word i % page_words of page i / page_words of its range, which a table maps through its pte i / page_words and a huge leaf as that page of its block (the struct pages declared one after another from the leaf's page). Each level uses this CPU's cached entry for its slot without reading memory, else reads the slot once and caches it; the access then reads or writes the word. Reading a freed table or page is a use-after-free, which a cached entry can reach only if no flush dropped it. A missing translation (an empty pmd or pte) is a fault: no access. Not an RCU reader, not held off by IRQs being disabled; the walk's reads are each ordered after the one whose value gave their address (LKMM's addr) and unordered against the CPU's other accesses."
}
