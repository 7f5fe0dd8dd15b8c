/// The groups the catalogue and the reference present primitives in, in
/// the order they are listed.
public enum PrimitiveFamily: String, Sendable, CaseIterable {
    case accesses, atomics, bits, fences, locks, irq, rcu, srcu, lists, memory, pageTables, tlb, ipi, mm, checks, model

    public var title: String {
        switch self {
        case .accesses: return "Marked accesses"
        case .atomics: return "Atomics"
        case .bits: return "Bit operations and page flags"
        case .fences: return "Fences"
        case .locks: return "Locks"
        case .irq: return "IRQ, bh and preempt state"
        case .rcu: return "RCU"
        case .srcu: return "SRCU"
        case .lists: return "Lists and containers"
        case .memory: return "Memory and pages"
        case .pageTables: return "Page tables"
        case .tlb: return "TLB and hardware walks"
        case .ipi: return "IPIs"
        case .mm: return "mm_struct"
        case .checks: return "Checks"
        case .model: return "Model choices"
        }
    }

    /// The family's entries, as its catalogue file declares them.
    var entries: [PrimitiveEntry] {
        switch self {
        case .accesses: return PrimitiveCatalogue.accesses
        case .atomics: return PrimitiveCatalogue.atomics
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
        case .ipi: return PrimitiveCatalogue.ipi
        case .mm: return PrimitiveCatalogue.mm
        case .checks: return PrimitiveCatalogue.checks
        case .model: return PrimitiveCatalogue.model
        }
    }
}
