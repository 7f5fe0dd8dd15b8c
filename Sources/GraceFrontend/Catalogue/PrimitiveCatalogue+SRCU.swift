extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let srcuIntroduction = """
        SRCU readers and grace periods belong to a `struct srcu_struct`, and are
        independent of RCU's and of other srcu_structs'. A reader is the index
        `srcu_read_lock` returns, not its CPU: it may end on another thread than
        the one that began it (`srcu_down_read`, `srcu_up_read`), as LKMM allows.
        `call_srcu` is not modelled (nor is it in LKMM): a thread that calls
        `synchronize_srcu()` and then the callback's body stands for it.
        """

    /// Sleepable RCU as LKMM has it (linux-kernel.def): readers and grace
    /// periods of one `struct srcu_struct`, independent of RCU's and of
    /// other srcu_structs'. A reader is its index, not its CPU, so it may end
    /// on another thread than the one that began it.
    static var srcu: [PrimitiveEntry] {
        let srcuStruct = Parameter("ssp", .pointer(.srcu))
        return [
            PrimitiveEntry(
                "srcu_read_lock", aliases: ["srcu_down_read"], PrimitiveSignature(.type(.int), [srcuStruct]),
                ordering: .none, events: [.rcu], violations: [.useAfterFree, .bug], implementation: "srcuReadLock",
                summary: "Enters an SRCU read-side critical section of ssp; returns its index.",
                effect: "Sets, in ssp's word of readers, the lowest reader index no srcu_struct has in use, and returns it; the matching unlock takes that index, on this thread or another (srcu_down_read). More than 64 readers at once is a bug.",
                lowering: .emit(.primitive(.rcu(.srcuReadLock)))),
            PrimitiveEntry(
                "srcu_read_unlock", aliases: ["srcu_up_read"], PrimitiveSignature(.none, [srcuStruct, Parameter("idx", .integer("int"))]),
                ordering: .none, events: [.rcu], violations: [.warning, .useAfterFree, .bug], implementation: "srcuReadUnlock",
                summary: "Leaves the SRCU read-side critical section idx of ssp, on any thread.",
                effect: "Clears reader idx in ssp and drops it from every synchronize_srcu() waiting for it; an idx that no reader of ssp holds is a warning.",
                lowering: .emit(.primitive(.rcu(.srcuReadUnlock)))),
            PrimitiveEntry(
                "synchronize_srcu", aliases: ["synchronize_srcu_expedited"], PrimitiveSignature(.none, [srcuStruct]),
                ordering: .fullyOrdered, events: [.rcu], violations: [.sleepInAtomic, .deadlock, .useAfterFree, .bug],
                implementation: "synchronizeSRCU",
                summary: "Waits for an SRCU grace period of ssp.",
                effect: "Blocks until every reader of ssp that was inside when it was called has left; readers that begin later, readers of other srcu_structs and RCU readers do not hold it up. It sleeps, so calling it atomic is a violation; calling it inside one's own reader of ssp never returns.",
                lowering: .emit(.primitive(.rcu(.srcuSynchronize)))),
        ]
    }
}
