extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let pageTablesIntroduction = """
        A `pmd_t` holds none, a page table (a `struct page`) or a huge leaf; a
        `pte_t` holds none or the mapping of a page. Arguments that only locate an
        entry in the kernel (an `mm`, a `vma`, an address) are evaluated and
        ignored, so `NULL` and 0 will do. The `index` of the `pte_offset_*`
        primitives is the pte's index in the table, from 0 to `page_words` − 1, not
        an address. The primitives that compute on entry values are not steps.
        `*ptlp` must name a local variable.
        """

    /// pmd and pte entries: their values, the accessors that read and write
    /// them, and the walks from a pmd to its table's ptes and lock (SPEC §2.4).
    static var pageTables: [PrimitiveEntry] {
        entryValues + entryAccesses + tableWalks
    }

    private static let pagePointer = CType.pointer(.aggregate(TypeTable.page))
    private static let locatingMM = Parameter("mm", .locating("struct mm_struct *"))
    private static let locatingAddress = Parameter("addr", .locating("unsigned long"))
    private static let accessViolations: [ViolationKind] = [.useAfterFree, .unionMisuse, .bug]

    /// Computation on entry values: no memory access, no step.
    private static var entryValues: [PrimitiveEntry] {
        func value(_ name: String, aliases: [String] = [], _ result: ResultType, _ parameters: [Parameter], summary: String, effect: String,
                   _ instructions: Instruction...) -> PrimitiveEntry {
            PrimitiveEntry(name, aliases: aliases, PrimitiveSignature(result, parameters), ordering: .none, events: [], implementation: "execute",
                           summary: summary, effect: effect, lowering: .instructions(instructions))
        }
        let pmd = Parameter("pmd", .entry(.pmd))
        let pte = Parameter("pte", .entry(.pte))
        return [
            value("pmd_none", .type(.int), [pmd], summary: "Whether the pmd is empty.", effect: "1 when the entry is 0.", .unary(.logicalNot)),
            value("pte_none", .type(.int), [pte], summary: "Whether the pte is empty.", effect: "1 when the entry is 0.", .unary(.logicalNot)),
            value("pmd_present", .type(.int), [pmd], summary: "Whether the pmd maps something.", effect: "1 when the entry is not 0.", .unary(.toBool)),
            value("pte_present", .type(.int), [pte], summary: "Whether the pte maps a page.", effect: "1 when the entry is not 0.", .unary(.toBool)),
            value("pmd_trans_huge", aliases: ["pmd_leaf", "pmd_huge"], .type(.int), [pmd], summary: "Whether the pmd is a huge (leaf) mapping.",
                  effect: "1 when the entry has the leaf flag mk_huge_pmd sets.", .push(ValueEncoding.leafFlag), .binary(.bitAnd), .unary(.toBool)),
            value("pmd_page", aliases: ["pmd_pgtable", "pmd_folio", "pmd_ptdesc"], .type(pagePointer), [pmd],
                  summary: "The page a pmd points at: its page table, or a huge page.", effect: "The entry without its flag bits.",
                  .push(~ValueEncoding.flagMask), .binary(.bitAnd)),
            value("pte_page", .type(pagePointer), [pte], summary: "The page a pte maps.", effect: "The entry without its protection bits.",
                  .push(~ValueEncoding.flagMask), .binary(.bitAnd)),
            value("page_ptdesc", aliases: ["ptdesc_page", "ptdesc_folio", "folio_ptdesc"], .type(pagePointer), [Parameter("page", .value("struct page *"))],
                  summary: "The same page under another of its types.", effect: "The pointer itself: struct page, folio and ptdesc are one struct here."),
            value("folio_page", .type(pagePointer),
                  [Parameter("folio", .value("struct folio *")), Parameter("n", .constant("unsigned long", 0...0, message: "only order-0 folios are modelled"))],
                  summary: "The first page of a folio.", effect: "The pointer itself: a folio is one page here."),
            value("pmd_same", .type(.int), [Parameter("a", .value("pmd_t")), Parameter("b", .value("pmd_t"))],
                  summary: "Whether two pmd values are equal.", effect: "1 when a == b.", .binary(.equal)),
            value("pte_same", .type(.int), [Parameter("a", .value("pte_t")), Parameter("b", .value("pte_t"))],
                  summary: "Whether two pte values are equal.", effect: "1 when a == b.", .binary(.equal)),
            value("pmd_val", .type(.unsignedLong), [Parameter("pmd", .value("pmd_t"))], summary: "A pmd's raw value.", effect: "The value itself."),
            value("pte_val", .type(.unsignedLong), [Parameter("pte", .value("pte_t"))], summary: "A pte's raw value.", effect: "The value itself."),
            value("mk_pte", .type(.pte), [Parameter("page", .pointer(.page)), Parameter("prot", .integer("pgprot_t"))],
                  summary: "A pte mapping page with protection prot.", effect: "The page pointer with prot's bits.", .binary(.bitOr)),
            value("mk_pmd", .type(.pmd), [Parameter("page", .pointer(.page)), Parameter("prot", .integer("pgprot_t"))],
                  summary: "A pmd pointing at page, a page table.", effect: "The page pointer with prot's bits.", .binary(.bitOr)),
            value("mk_huge_pmd", .type(.pmd), [Parameter("page", .pointer(.page)), Parameter("prot", .integer("pgprot_t"))],
                  summary: "A huge pmd mapping page.", effect: "The page pointer with prot's bits and the leaf flag.",
                  .binary(.bitOr), .push(ValueEncoding.leafFlag), .binary(.bitOr)),
            value("pmd_trans_splitting", .type(.int), [pmd], summary: "Whether a huge pmd is being split (2014's THP, before v4.5).",
                  effect: "1 when the entry has the splitting flag pmd_mksplitting sets.", .push(ValueEncoding.splittingFlag), .binary(.bitAnd), .unary(.toBool)),
            value("pmd_mksplitting", .type(.pmd), [pmd], summary: "The pmd marked as being split.", effect: "The entry with the splitting flag.",
                  .push(ValueEncoding.splittingFlag), .binary(.bitOr)),
        ]
    }

    private static var entryAccesses: [PrimitiveEntry] {
        let pmdp = Parameter("pmdp", .pointer(.pmd))
        let ptep = Parameter("ptep", .pointer(.pte))
        return [
            PrimitiveEntry(
                "pmdp_get_lockless", aliases: ["pmdp_get"], PrimitiveSignature(.type(.pmd), [pmdp]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Reads a pmd once.", effect: "Loads *pmdp, unordered.", lowering: .emit(.load(.once))),
            PrimitiveEntry(
                "ptep_get", aliases: ["ptep_get_lockless"], PrimitiveSignature(.type(.pte), [ptep]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Reads a pte once.", effect: "Loads *ptep, unordered; reading a pte of a freed table is a use-after-free.",
                lowering: .emit(.load(.once))),
            PrimitiveEntry(
                "pmd_clear", PrimitiveSignature(.none, [pmdp]),
                ordering: .relaxedAccess, events: [.write], violations: accessViolations, implementation: "execute",
                summary: "Empties a pmd.", effect: "Stores 0 into *pmdp once.", lowering: .emit(.push(0), .store(.once, nil))),
            PrimitiveEntry(
                "pte_clear", PrimitiveSignature(.none, [locatingMM, locatingAddress, ptep]),
                ordering: .relaxedAccess, events: [.write], violations: accessViolations, implementation: "execute",
                summary: "Empties a pte.", effect: "Stores 0 into *ptep once; mm and addr only locate the entry.", lowering: .emit(.push(0), .store(.once, nil))),
            PrimitiveEntry(
                "ptep_get_and_clear", PrimitiveSignature(.type(.pte), [locatingMM, locatingAddress, ptep]),
                ordering: .fullyOrdered, events: [.update], violations: accessViolations, implementation: "executeAtomic",
                summary: "Empties a pte and returns what it held.", effect: "One fully ordered exchange of *ptep with 0.",
                lowering: .emit(.push(0), .primitive(.exchange(.full, format: .long)))),
            PrimitiveEntry(
                "pmdp_huge_get_and_clear", PrimitiveSignature(.type(.pmd), [locatingMM, locatingAddress, pmdp]),
                ordering: .fullyOrdered, events: [.update], violations: accessViolations, implementation: "executeAtomic",
                summary: "Empties a huge pmd and returns what it held.", effect: "One fully ordered exchange of *pmdp with 0.",
                lowering: .emit(.push(0), .primitive(.exchange(.full, format: .long)))),
            PrimitiveEntry(
                "set_pte_at", PrimitiveSignature(.none, [locatingMM, locatingAddress, ptep, Parameter("pte", .stored(into: 2, .argument))]),
                ordering: .relaxedAccess, events: [.write], violations: accessViolations, implementation: "execute",
                summary: "Installs a pte.", effect: "Stores pte into *ptep once; mm and addr only locate the entry.", lowering: .emit(.store(.once, nil))),
            PrimitiveEntry(
                "set_pmd_at", PrimitiveSignature(.none, [locatingMM, locatingAddress, pmdp, Parameter("pmd", .stored(into: 2, .argument))]),
                ordering: .relaxedAccess, events: [.write], violations: accessViolations, implementation: "execute",
                summary: "Installs a pmd.", effect: "Stores pmd into *pmdp once; mm and addr only locate the entry.", lowering: .emit(.store(.once, nil))),
            PrimitiveEntry(
                "pmd_populate", aliases: ["pmd_populate_kernel"], PrimitiveSignature(.none, [locatingMM, pmdp, Parameter("pte", .value("pgtable_t"))]),
                ordering: .release, events: [.write], violations: accessViolations, implementation: "execute",
                summary: "Points a pmd at a page table.",
                effect: "Stores the table's page (given as a struct page or as its first pte) into *pmdp with release ordering, so a walker that sees the table sees its initialised ptes.",
                lowering: .custom { compiler, call in
                    if call.types[2] != pagePointer { compiler.emit(.primitive(.memory(.virtToPage))) }
                    compiler.emit(.store(.release, nil))
                    return .void
                }),
            PrimitiveEntry(
                "pmdp_splitting_flush", PrimitiveSignature(.none, [Parameter("vma", .locating("struct vm_area_struct *")), locatingAddress, pmdp]),
                ordering: .fullyOrdered, events: [.read, .write, .context], violations: accessViolations + [.ipiWithIRQsOff, .deadlock], implementation: "flushTLB",
                summary: "Marks a huge pmd as being split and flushes the TLB (the generic 2014 form).",
                effect: "Reads *pmdp, stores it back with the splitting flag (set_pmd_at), then flushes as flush_tlb_range: three steps. The flush serialises against GUP-fast only where it is an IPI; arm64's 2014 version added an IPI of its own (\"dummy IPI to serialise against fast_gup\").",
                lowering: .emit(.dup, .load(.once), .push(ValueEncoding.splittingFlag), .binary(.bitOr), .store(.once, nil), .primitive(.tlb(.flush)))),
            PrimitiveEntry(
                "pmdp_collapse_flush", aliases: ["pmdp_huge_clear_flush", "pmdp_invalidate"],
                PrimitiveSignature(.type(.pmd), [Parameter("vma", .locating("struct vm_area_struct *")), locatingAddress, pmdp]),
                ordering: .fullyOrdered, events: [.update, .context], violations: accessViolations + [.ipiWithIRQsOff, .deadlock], implementation: "flushTLB",
                summary: "Empties a pmd and flushes the TLB; returns what the pmd held.",
                effect: "One fully ordered exchange of *pmdp with 0, then a TLB flush as flush_tlb_range.",
                lowering: .emit(.push(0), .primitive(.exchange(.full, format: .long)), .primitive(.tlb(.flush)))),
        ]
    }

    private static var tableWalks: [PrimitiveEntry] {
        let pmdp = Parameter("pmd", .pointer(.pmd))
        let index = Parameter("index", .integer("unsigned long"))
        let ptl = Parameter("ptlp", .outLocal("spinlock_t **", requiredType: .pointer(.spinlock),
                                               message: "type mismatch: argument 4 of 'pte_offset_map_lock' must be the address of a 'spinlock_t *'"))
        let mapping = "Reads *pmd once; when it holds a table (not none, not huge), returns a pointer to pte index of it, else NULL. The index is the pte's place in the table, 0 to page_words - 1, not an address; beyond is a bug."
        return [
            PrimitiveEntry(
                "pte_offset_map", PrimitiveSignature(.type(.pointer(.pte)), [pmdp, index], operands: [.argument(0)]),
                ordering: .relaxedAccess, events: [.rcu, .read], violations: [.useAfterFree, .bug], implementation: "executeRCU",
                summary: "Maps pte index of the table under the pmd, inside rcu_read_lock; NULL when there is no table.",
                effect: "Takes rcu_read_lock, then: " + mapping + " With no table it drops the rcu_read_lock again.",
                lowering: .custom { compiler, call in
                    compiler.emit(.primitive(.rcu(.readLock(.normal))))
                    compiler.emit(.load(.once))
                    return compiler.tableEntryPointer(call, index: 1, releasesRCUWhenNone: true)
                }),
            PrimitiveEntry(
                "pte_offset_kernel", aliases: ["pte_offset_map_nolock"], PrimitiveSignature(.type(.pointer(.pte)), [pmdp, index], operands: [.argument(0)]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Pte index of the table under the pmd, without RCU; NULL when there is no table.",
                effect: mapping,
                lowering: .custom { compiler, call in
                    compiler.emit(.load(.once))
                    return compiler.tableEntryPointer(call, index: 1, releasesRCUWhenNone: false)
                }),
            PrimitiveEntry(
                "pte_offset_map_lock", PrimitiveSignature(.type(.pointer(.pte)), [locatingMM, pmdp, index, ptl], operands: [.argument(0), .argument(1), .argument(3)]),
                ordering: .acquire, events: [.rcu, .read, .lock], violations: [.deadlock, .useAfterFree, .bug], implementation: "executeLock",
                summary: "Maps pte index of the table under the pmd and takes the table's lock, stored in *ptlp; NULL when there is no table.",
                effect: "Takes rcu_read_lock, then: " + mapping + " With a table it takes the table's split lock (page->ptl) and stores its address in the local *ptlp; with none it drops the rcu_read_lock.",
                lowering: .custom { compiler, call in
                    compiler.emit(.primitive(.rcu(.readLock(.normal))))
                    compiler.emit(.load(.once))
                    return compiler.tableEntryPointer(call, index: 2, releasesRCUWhenNone: true, lockInto: call.locals[3]!)
                }),
            PrimitiveEntry(
                "pte_unmap", PrimitiveSignature(.none, [Parameter("pte", .locating("pte_t *"))]),
                ordering: .none, events: [.rcu], violations: [.warning], implementation: "executeRCU",
                summary: "Unmaps a pte from pte_offset_map.", effect: "Drops the rcu_read_lock pte_offset_map took.",
                lowering: .emit(.primitive(.rcu(.readUnlock(.normal))))),
            PrimitiveEntry(
                "pte_unmap_unlock", PrimitiveSignature(.none, [Parameter("pte", .locating("pte_t *")), Parameter("ptl", .pointer(.spinlock))]),
                ordering: .release, events: [.unlock, .rcu], violations: [.unlockUnheld, .warning, .useAfterFree, .bug], implementation: "executeLock",
                summary: "Releases the table lock and unmaps a pte from pte_offset_map_lock.",
                effect: "Releases ptl, then drops the rcu_read_lock.",
                lowering: .emit(.primitive(.lock(.unlock)), .primitive(.rcu(.readUnlock(.normal))))),
            PrimitiveEntry(
                "pte_lockptr", PrimitiveSignature(.type(.pointer(.spinlock)), [locatingMM, pmdp]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "The split lock of the table a pmd points at.",
                effect: "Reads *pmd once and returns &page->ptl of its table.",
                lowering: .emit(.load(.once), .push(~ValueEncoding.flagMask), .binary(.bitAnd), .offset(KernelStructs.Page.ptl))),
            PrimitiveEntry(
                "pmd_lock",
                PrimitiveSignature(.type(.pointer(.spinlock)), [Parameter("mm", .pointer(.mm), then: field(KernelStructs.MM.pageTableLock)),
                                                                Parameter("pmd", .pointer(.pmd), then: [.pop])]),
                ordering: .acquire, events: [.lock], violations: [.deadlock, .useAfterFree, .bug], implementation: "executeLock",
                summary: "Takes the lock of a pmd and returns it: mm->page_table_lock.",
                effect: "Takes mm->page_table_lock as spin_lock does and returns its address.",
                lowering: .custom { compiler, _ in
                    let lock = compiler.hiddenLocal()
                    compiler.emit(.storeLocal(lock))
                    compiler.emit(.loadLocal(lock))
                    compiler.emit(.primitive(.lock(.lock)))
                    compiler.emit(.loadLocal(lock))
                    return .pointer(.spinlock)
                }),
        ]
    }
}
