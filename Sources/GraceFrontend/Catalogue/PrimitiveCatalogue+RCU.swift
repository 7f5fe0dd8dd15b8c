extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let rcuIntroduction = """
        Readers, grace periods and callbacks. Which regions count as readers of
        which flavour follows `Config: rcu=` (see <doc:ExecutionModel>).
        `rcu_read_lock_bh()` is a reader of the normal flavour and does not disable
        bottom halves. `rcu_dereference(p)` and the other pointer accessors take
        the lvalue itself, as `READ_ONCE` does.
        """

    /// Readers, grace periods, callbacks, and the marked accesses RCU
    /// publishes and reads pointers with (SPEC §2.4).
    static var rcu: [PrimitiveEntry] {
        readers + gracePeriods + callbacks + pointers
    }

    private static var readers: [PrimitiveEntry] {
        [
            PrimitiveEntry(
                "rcu_read_lock", aliases: ["rcu_read_lock_bh"], PrimitiveSignature(.none, []),
                ordering: .none, events: [.rcu], implementation: "executeRCU",
                summary: "Enters an RCU read-side critical section.",
                effect: "Raises the CPU's RCU nesting; a grace period waits for the CPU to leave every reader it was in when the grace period started.",
                lowering: .emit(.primitive(.rcu(.readLock(.normal))))),
            PrimitiveEntry(
                "rcu_read_unlock", aliases: ["rcu_read_unlock_bh"], PrimitiveSignature(.none, []),
                ordering: .none, events: [.rcu], violations: [.warning], implementation: "executeRCU",
                summary: "Leaves an RCU read-side critical section.",
                effect: "Lowers the CPU's RCU nesting; without a matching rcu_read_lock it is a warning.",
                lowering: .emit(.primitive(.rcu(.readUnlock(.normal))))),
            PrimitiveEntry(
                "rcu_read_lock_sched", PrimitiveSignature(.none, []),
                ordering: .none, events: [.rcu], implementation: "executeRCU",
                summary: "Enters an RCU-sched read-side critical section.",
                effect: "Raises the CPU's RCU-sched nesting, which holds off synchronize_sched and call_rcu_sched (and, with consolidated RCU, every flavour).",
                lowering: .emit(.primitive(.rcu(.readLock(.sched))))),
            PrimitiveEntry(
                "rcu_read_unlock_sched", PrimitiveSignature(.none, []),
                ordering: .none, events: [.rcu], violations: [.warning], implementation: "executeRCU",
                summary: "Leaves an RCU-sched read-side critical section.",
                effect: "Lowers the CPU's RCU-sched nesting; without a matching rcu_read_lock_sched it is a warning.",
                lowering: .emit(.primitive(.rcu(.readUnlock(.sched))))),
        ]
    }

    private static var gracePeriods: [PrimitiveEntry] {
        [
            PrimitiveEntry(
                "synchronize_rcu", aliases: ["synchronize_rcu_expedited"], PrimitiveSignature(.none, []),
                ordering: .fullyOrdered, events: [.rcu], violations: [.sleepInAtomic, .deadlock], implementation: "synchronizeRCU",
                summary: "Waits for a grace period.",
                effect: "Blocks until every CPU that was in a reader when it was called has left it (under rcu=consolidated, IRQ-, bh- and preempt-disabled regions, spinlock holders and interrupt contexts are readers too); it sleeps, so calling it atomic is a violation.",
                lowering: .emit(.primitive(.rcu(.synchronize(.normal))))),
            PrimitiveEntry(
                "synchronize_sched", PrimitiveSignature(.none, []),
                ordering: .fullyOrdered, events: [.rcu], violations: [.sleepInAtomic, .deadlock], implementation: "synchronizeRCU",
                summary: "Waits for an RCU-sched grace period.",
                effect: "Blocks until every CPU that was in an RCU-sched reader (rcu_read_lock_sched, IRQs, bh or preemption disabled) has left it; it sleeps.",
                lowering: .emit(.primitive(.rcu(.synchronize(.sched))))),
            PrimitiveEntry(
                "rcu_barrier", aliases: ["rcu_barrier_sched"], PrimitiveSignature(.none, []),
                ordering: .fullyOrdered, events: [.rcu], violations: [.sleepInAtomic, .deadlock], implementation: "rcuBarrier",
                summary: "Waits until every RCU callback queued before it has run.",
                effect: "Marks the queued callbacks and those running in softirq, and blocks until each has returned; it sleeps.",
                lowering: .emit(.primitive(.rcu(.barrier)))),
        ]
    }

    private static var callbacks: [PrimitiveEntry] {
        let head = Parameter("head", .pointer(.rcuHead))
        let function = Parameter("func", .callback("rcu_callback_t", Callback(
            expectation: "a callback function", takesOne: "an RCU callback takes one 'struct rcu_head *'")))
        let queueing = "Queues func(head) on this CPU; after a grace period that starts now it becomes ready and runs in softirq on this CPU, seeing every store made before the call."
        let misuse = " Queueing a head that is already queued corrupts the callback list (rcu-head-reuse); queueing one whose cells a linked list_head shares is union misuse."
        return [
            PrimitiveEntry(
                "call_rcu", aliases: ["call_rcu_hurry"], PrimitiveSignature(.none, [head, function]),
                ordering: .release, events: [.rcu], violations: [.rcuHeadReuse, .unionMisuse, .useAfterFree, .bug],
                implementation: "callRCU",
                summary: "Runs func(head) in softirq after a grace period.",
                effect: queueing + misuse + " A callback may queue its own head again: it is dequeued before it runs.",
                lowering: .emit(.primitive(.rcu(.call(.normal))))),
            PrimitiveEntry(
                "kfree_rcu", aliases: ["kvfree_rcu"], PrimitiveSignature(.none, [Parameter("ptr", .value("type *")), Parameter("rhf", .member)], operands: []),
                ordering: .release, events: [.rcu], violations: [.rcuHeadReuse, .unionMisuse, .useAfterFree, .bug],
                implementation: "callRCU",
                summary: "Frees the kmalloc'ed object ptr after a grace period, through its rcu_head member rhf.",
                effect: "call_rcu(&ptr->rhf, f) with a callback f that kfree()s ptr: after a grace period that starts now, in softirq on this CPU. Queueing a head that is already queued is rcu-head-reuse; the free itself is kfree's, a double free if ptr was freed meanwhile.",
                lowering: .custom { compiler, call in compiler.kfreeRCU(call) }),
            PrimitiveEntry(
                "call_rcu_sched", PrimitiveSignature(.none, [head, function]),
                ordering: .release, events: [.rcu], violations: [.rcuHeadReuse, .unionMisuse, .useAfterFree, .bug],
                implementation: "callRCU",
                summary: "Runs func(head) in softirq after an RCU-sched grace period.",
                effect: "As call_rcu, with the grace period of the sched flavour (which, before 4.20, IRQ-, bh- and preempt-disabled regions hold off)." + misuse,
                lowering: .emit(.primitive(.rcu(.call(.sched))))),
        ]
    }

    private static var pointers: [PrimitiveEntry] {
        let load: Lowering = .custom { compiler, call in compiler.load(call.places[0]!, ordering: .once, at: call.location) }
        return [
            PrimitiveEntry(
                "rcu_dereference", aliases: ["rcu_dereference_raw", "rcu_dereference_sched", "rcu_dereference_bh", "rcu_access_pointer"],
                PrimitiveSignature(.computed("T"), [Parameter("p", .place)]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Reads an RCU-protected pointer once.",
                effect: "Loads p as READ_ONCE does; the value is the pointer a reader may follow until it leaves its reader.",
                lowering: load),
            PrimitiveEntry(
                "rcu_dereference_protected", PrimitiveSignature(.computed("T"), [Parameter("p", .place), Parameter("c", .unevaluated("bool"))]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Reads an RCU-protected pointer under the update-side lock.",
                effect: "Loads p as READ_ONCE does; the lockdep condition c is not evaluated.",
                lowering: load),
            PrimitiveEntry(
                "rcu_assign_pointer", PrimitiveSignature(.none, [Parameter("p", .place), Parameter("v", .stored(into: 0, .value))]),
                ordering: .release, events: [.write], violations: [.useAfterFree, .unionMisuse, .bug], implementation: "execute",
                summary: "Publishes a pointer to RCU readers.",
                effect: "Stores v into p with release ordering: a reader that sees v sees what was stored before.",
                lowering: .custom { compiler, call in
                    compiler.storeMarked(call.places[0]!, ordering: .release)
                    return .void
                }),
            PrimitiveEntry(
                "RCU_INIT_POINTER", PrimitiveSignature(.none, [Parameter("p", .place), Parameter("v", .stored(into: 0, .value))]),
                ordering: .relaxedAccess, events: [.write], violations: [.useAfterFree, .unionMisuse, .bug], implementation: "execute",
                summary: "Sets an RCU-protected pointer without ordering (NULL, or before readers can see it).",
                effect: "Stores v into p once, as WRITE_ONCE does.",
                lowering: .custom { compiler, call in
                    compiler.storeMarked(call.places[0]!, ordering: .once)
                    return .void
                }),
        ]
    }
}
