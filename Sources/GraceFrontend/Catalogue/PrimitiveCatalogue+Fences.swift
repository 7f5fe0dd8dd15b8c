extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let fencesIntroduction = """
        Under `sc` every access is already ordered: a fence is not a step and
        changes nothing. Fences matter under `tso` and `lkmm`.
        """

    /// Memory barriers (SPEC §2.5). Under sc they order nothing that is not
    /// ordered already and take no step.
    static var fences: [PrimitiveEntry] {
        [
            fence("smp_mb", aliases: ["mb"], .full, "Orders every access before it against every access after it."),
            fence("smp_rmb", aliases: ["rmb"], .read, "Orders the reads before it against the reads after it."),
            fence("smp_wmb", aliases: ["wmb"], .write, "Orders the writes before it against the writes after it."),
            fence("smp_mb__before_atomic", .beforeAtomic, "Makes the following non-returning atomic fully ordered."),
            fence("smp_mb__after_atomic", .afterAtomic, "Makes the preceding non-returning atomic fully ordered."),
            fence("smp_mb__after_spinlock", .afterSpinlock, "Makes the preceding lock acquisition a full barrier."),
            fence("smp_mb__after_unlock_lock", .afterUnlockLock, "Makes an unlock followed by a lock a full barrier."),
            fence("smp_mb__after_srcu_read_unlock", .afterSRCUReadUnlock, "Makes the preceding srcu_read_unlock a full barrier."),
            fence("barrier", .compiler, "Keeps the compiler from moving accesses across it; no CPU ordering."),
            fence("cpu_relax", .compiler, "A spin loop's pause: a compiler barrier; a loop that only re-reads a flag is blocked, not looping."),
        ]
    }

    private static func fence(_ name: String, aliases: [String] = [], _ kind: FenceKind, _ summary: String) -> PrimitiveEntry {
        PrimitiveEntry(
            name, aliases: aliases, PrimitiveSignature(.none, []),
            ordering: .fence(kind), events: [.fence], implementation: "execute",
            summary: summary,
            effect: "A fence of kind \(kind.kernelName) for the memory model; under sc it is not a step.",
            lowering: .emit(.fence(kind)))
    }
}

extension FenceKind {
    /// The kernel's name for the fence, as traces print it.
    public var kernelName: String {
        switch self {
        case .full: return "smp_mb"
        case .read: return "smp_rmb"
        case .write: return "smp_wmb"
        case .beforeAtomic: return "smp_mb__before_atomic"
        case .afterAtomic: return "smp_mb__after_atomic"
        case .afterSpinlock: return "smp_mb__after_spinlock"
        case .afterUnlockLock: return "smp_mb__after_unlock_lock"
        case .afterSRCUReadUnlock: return "smp_mb__after_srcu_read_unlock"
        case .compiler: return "barrier"
        }
    }
}
