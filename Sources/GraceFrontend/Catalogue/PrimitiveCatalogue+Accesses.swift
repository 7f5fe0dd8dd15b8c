extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let accessesIntroduction = """
        Reads and writes that other CPUs observe, one step each. Plain C reads and
        writes of shared objects are steps as well (LKMM's plain accesses); these are
        the marked forms. `READ_ONCE(x)`, `WRITE_ONCE(x, val)` and `smp_store_mb(x,
        val)` take the lvalue itself (`*p`, `p->field`, `a[i]`), as the kernel's
        macros do. `atomic_read` and `atomic_set` are with the atomics,
        `rcu_dereference` and `rcu_assign_pointer` with RCU.
        """

    /// Marked loads and stores (LKMM's READ_ONCE, WRITE_ONCE and the
    /// acquire/release pair). RCU's pointer accesses are in the RCU family,
    /// atomic_read and atomic_set with the atomics.
    /// What smp_cond_load_acquire and smp_cond_load_relaxed share.
    private static let conditionalLoad = "The kernel's spin-wait: reads *ptr into VAL and evaluates cond_expr, again and again, until it is true. A read that leaves it false changes nothing, so the waiter is blocked, not looping, until another CPU's store makes it true (and a deadlock if none can)."

    static var accesses: [PrimitiveEntry] {
        [
            PrimitiveEntry(
                "READ_ONCE", aliases: ["ACCESS_ONCE"], PrimitiveSignature(.computed("T"), [Parameter("x", .place)]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Reads x once, as one marked load.",
                effect: "Loads x (a register is just read); reading freed page contents is a use-after-free, a bad pointer a bug.",
                lowering: .custom { compiler, call in compiler.load(call.places[0]!, ordering: .once, at: call.location) }),
            PrimitiveEntry(
                "WRITE_ONCE", PrimitiveSignature(.none, [Parameter("x", .place), Parameter("val", .stored(into: 0, .value))]),
                ordering: .relaxedAccess, events: [.write], violations: [.useAfterFree, .unionMisuse, .bug], implementation: "execute",
                summary: "Writes val to x once, as one marked store.",
                effect: "Stores val into x, wrapped to x's width; writing into a queued rcu_head or over a linked list_head that shares its cells is union misuse.",
                lowering: .custom { compiler, call in
                    compiler.storeMarked(call.places[0]!, ordering: .once)
                    return .void
                }),
            PrimitiveEntry(
                "smp_store_mb", PrimitiveSignature(.none, [Parameter("x", .place), Parameter("val", .stored(into: 0, .value))]),
                ordering: .fence(.full), events: [.write, .fence], violations: [.useAfterFree, .unionMisuse, .bug], implementation: "execute",
                summary: "Writes val to x once, then a full barrier.",
                effect: "WRITE_ONCE(x, val); smp_mb(), as linux-kernel.def defines it: every access of this CPU before the barrier, the store among them, is ordered before every later one; the store is not ordered after the accesses before it.",
                lowering: .custom { compiler, call in
                    compiler.storeMarked(call.places[0]!, ordering: .once)
                    compiler.emit(.fence(.full))
                    return .void
                }),
            PrimitiveEntry(
                "smp_load_acquire", PrimitiveSignature(.pointee, [Parameter("p", .pointer(.scalar))]),
                ordering: .acquire, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Reads *p with acquire ordering.",
                effect: "Loads *p; no later access of this CPU is ordered before it.",
                lowering: .emit(.load(.acquire))),
            PrimitiveEntry(
                "smp_cond_load_acquire", aliases: ["atomic_cond_read_acquire"],
                PrimitiveSignature(.pointee, [Parameter("ptr", .pointer(.scalar)), Parameter("cond_expr", .value("bool"))], operands: []),
                ordering: .acquire, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Waits until cond_expr, in which VAL is *ptr, holds; returns that VAL, read with acquire ordering.",
                effect: conditionalLoad + " The read that satisfies the condition is an acquire.",
                lowering: .custom { compiler, call in compiler.conditionalLoad(call, ordering: .acquire) }),
            PrimitiveEntry(
                "smp_cond_load_relaxed", aliases: ["atomic_cond_read_relaxed"],
                PrimitiveSignature(.pointee, [Parameter("ptr", .pointer(.scalar)), Parameter("cond_expr", .value("bool"))], operands: []),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Waits until cond_expr, in which VAL is *ptr, holds; returns that VAL, read once.",
                effect: conditionalLoad + " The reads are unordered.",
                lowering: .custom { compiler, call in compiler.conditionalLoad(call, ordering: .once) }),
            PrimitiveEntry(
                "smp_store_release", PrimitiveSignature(.none, [Parameter("p", .pointer(.scalar)), Parameter("v", .stored(into: 0, .value))]),
                ordering: .release, events: [.write], violations: [.useAfterFree, .unionMisuse, .bug], implementation: "execute",
                summary: "Writes v to *p with release ordering.",
                effect: "Stores v into *p; no earlier access of this CPU is ordered after it.",
                lowering: .custom { compiler, call in
                    compiler.emit(.store(.release, call.target?.storageFormat))
                    return .void
                }),
        ]
    }
}
