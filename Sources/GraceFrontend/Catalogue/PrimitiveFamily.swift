/// The groups the catalogue and the reference present primitives in, in
/// the order they are listed.
public enum PrimitiveFamily: String, Sendable, CaseIterable {
    case accesses, atomics, refcounts, bits, fences, locks, irq, rcu, srcu, lists, memory, pageTables, tlb, mmuGather, ipi, mm, checks, model

    public var title: String {
        switch self {
        case .accesses: return "Marked accesses"
        case .atomics: return "Atomics"
        case .refcounts: return "Reference counts: refcount_t and kref"
        case .bits: return "Bit operations and page flags"
        case .fences: return "Fences"
        case .locks: return "Locks"
        case .irq: return "Interrupts, bottom halves, preemption and sleeping"
        case .rcu: return "RCU"
        case .srcu: return "SRCU"
        case .lists: return "Lists and containers"
        case .memory: return "Allocation, freeing and page references"
        case .pageTables: return "Page-table entries"
        case .tlb: return "TLB flushes and hardware walks"
        case .mmuGather: return "The mmu_gather API"
        case .ipi: return "Inter-processor interrupts"
        case .mm: return "mm_struct lifetime"
        case .checks: return "Assertions and warnings"
        case .model: return "Nondeterminism"
        }
    }

    /// What the reference says of the family before its table: what its
    /// arguments are, what all its entries share, its notes.
    public var introduction: String {
        switch self {
        case .accesses: return PrimitiveCatalogue.accessesIntroduction
        case .atomics: return PrimitiveCatalogue.atomicsIntroduction
        case .refcounts: return PrimitiveCatalogue.refcountsIntroduction
        case .bits: return PrimitiveCatalogue.bitsIntroduction
        case .fences: return PrimitiveCatalogue.fencesIntroduction
        case .locks: return PrimitiveCatalogue.locksIntroduction
        case .irq: return PrimitiveCatalogue.irqIntroduction
        case .rcu: return PrimitiveCatalogue.rcuIntroduction
        case .srcu: return PrimitiveCatalogue.srcuIntroduction
        case .lists: return PrimitiveCatalogue.listsIntroduction
        case .memory: return PrimitiveCatalogue.memoryIntroduction
        case .pageTables: return PrimitiveCatalogue.pageTablesIntroduction
        case .tlb: return PrimitiveCatalogue.tlbIntroduction
        case .mmuGather: return PrimitiveCatalogue.mmuGatherIntroduction
        case .ipi: return PrimitiveCatalogue.ipiIntroduction
        case .mm: return PrimitiveCatalogue.mmIntroduction
        case .checks: return PrimitiveCatalogue.checksIntroduction
        case .model: return PrimitiveCatalogue.modelIntroduction
        }
    }

    /// The family's entries, as its catalogue file declares them.
    var entries: [PrimitiveEntry] {
        switch self {
        case .accesses: return PrimitiveCatalogue.accesses
        case .atomics: return PrimitiveCatalogue.atomics
        case .refcounts: return PrimitiveCatalogue.refcounts
        case .bits: return PrimitiveCatalogue.bits
        case .fences: return PrimitiveCatalogue.fences
        case .locks: return PrimitiveCatalogue.locks
        case .irq: return PrimitiveCatalogue.irq
        case .rcu: return PrimitiveCatalogue.rcu
        case .srcu: return PrimitiveCatalogue.srcu
        case .lists: return PrimitiveCatalogue.lists
        case .memory: return PrimitiveCatalogue.memory
        case .pageTables: return PrimitiveCatalogue.pageTables
        case .tlb: return PrimitiveCatalogue.tlb
        case .mmuGather: return PrimitiveCatalogue.mmuGather
        case .ipi: return PrimitiveCatalogue.ipi
        case .mm: return PrimitiveCatalogue.mm
        case .checks: return PrimitiveCatalogue.checks
        case .model: return PrimitiveCatalogue.model
        }
    }
}
