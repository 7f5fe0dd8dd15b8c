extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let atomicsIntroduction = """
        `xchg` and `cmpxchg` take a pointer to any scalar but a `spinlock_t`: an
        integer, a pointer, a `pmd_t`, a `pte_t`. The `atomic_`, `atomic_long_` and
        `atomic64_` forms are the kernel's atomic API for `atomic_t`,
        `atomic_long_t` and `atomic64_t`; each takes a pointer to any of the three
        and computes in the width of the counter it is given, returning an `int`
        for a 32-bit counter and a `long` for a 64-bit one.

        Without a suffix, the operations that return nothing are relaxed and those
        that return a value are fully ordered; `_relaxed`, `_acquire` and
        `_release` give the class their name says. The names are the kernel's: the
        operations that return nothing, the `_and_test` forms, `add_unless` and
        `inc_not_zero` have no suffixed variants. A conditional operation that does
        not change the counter (a failed `cmpxchg`, an `add_unless` that finds `u`)
        only reads it, unordered. The `ATOMIC_INIT` forms initialise an atomic in
        the init block (`atomic_t refs = ATOMIC_INIT(1);`) and are not calls.
        """

    /// The kernel's atomic API (include/linux/atomic): xchg and cmpxchg on any
    /// word, and for each of atomic_t, atomic_long_t and atomic64_t every
    /// operation with the ordering variants the kernel defines.
    static var atomics: [PrimitiveEntry] {
        exchanges + counterTypes.flatMap(counterOperations) + [xorBits] + initialisers
    }

    /// An atomic type: its function prefix, its C type, and the type its
    /// operations return.
    private struct CounterType {
        var prefix: String
        var type: String
        var value: String
        var initialiser: String
    }

    private static let counterTypes = [
        CounterType(prefix: "atomic_", type: "atomic_t", value: "int", initialiser: "ATOMIC_INIT"),
        CounterType(prefix: "atomic_long_", type: "atomic_long_t", value: "long", initialiser: "ATOMIC_LONG_INIT"),
        CounterType(prefix: "atomic64_", type: "atomic64_t", value: "s64", initialiser: "ATOMIC64_INIT"),
    ]

    /// The ordering variants of the operations that return a value:
    /// fully ordered without a suffix.
    private static let variants: [(suffix: String, ordering: RMWOrdering)] = [
        ("", .full), ("_relaxed", .relaxed), ("_acquire", .acquire), ("_release", .release),
    ]

    /// The arithmetic of the RMW operations: what it does to v, and the
    /// operand it takes (nil: the argument i) .
    private static let arithmetic: [(name: String, operation: RMWOperation, implicit: Int64?, verb: String)] = [
        ("add", .add, nil, "Adds i to v"), ("sub", .subtract, nil, "Subtracts i from v"),
        ("inc", .add, 1, "Increments v"), ("dec", .subtract, 1, "Decrements v"),
        ("and", .and, nil, "ANDs i into v"), ("or", .or, nil, "ORs i into v"),
        ("xor", .xor, nil, "XORs i into v"), ("andnot", .andNot, nil, "Clears the bits of i in v"),
    ]

    private static let rmwViolations: [ViolationKind] = [.useAfterFree, .unionMisuse, .bug]

    static func orderingClass(_ ordering: RMWOrdering) -> OrderingClass {
        switch ordering {
        case .relaxed: return .relaxedRMW
        case .acquire: return .acquire
        case .release: return .release
        case .full: return .fullyOrdered
        }
    }

    private static func orderingSentence(_ ordering: RMWOrdering) -> String {
        switch ordering {
        case .relaxed: return "unordered"
        case .acquire: return "with acquire ordering"
        case .release: return "with release ordering"
        case .full: return "fully ordered"
        }
    }

    // MARK: xchg and cmpxchg on any word

    private static var exchanges: [PrimitiveEntry] {
        let pointer = Parameter("ptr", .pointer(.exchangeable))
        return variants.flatMap { suffix, ordering in
            [
                PrimitiveEntry(
                    "xchg" + suffix, PrimitiveSignature(.pointee, [pointer, Parameter("new", .stored(into: 0, .word))]),
                    ordering: orderingClass(ordering), events: [.update], violations: rmwViolations, implementation: "executeAtomic",
                    summary: "Sets *ptr to new and returns the old value.",
                    effect: "One atomic exchange of *ptr, \(orderingSentence(ordering)).",
                    lowering: .custom { compiler, call in
                        compiler.emit(.primitive(.exchange(ordering, format: call.target?.storageFormat ?? .long)))
                        return call.target
                    }),
                PrimitiveEntry(
                    "cmpxchg" + suffix,
                    PrimitiveSignature(.pointee, [pointer, Parameter("old", .stored(into: 0, .word)), Parameter("new", .stored(into: 0, .word))]),
                    ordering: .onSuccess(ordering), events: [.update, .read], violations: rmwViolations, implementation: "executeAtomic",
                    summary: "Sets *ptr to new if it holds old; returns the value found.",
                    effect: "One atomic compare-and-exchange of *ptr, \(orderingSentence(ordering)) when it succeeds; a failed one only reads.",
                    lowering: .custom { compiler, call in
                        compiler.emit(.primitive(.compareExchange(ordering, format: call.target?.storageFormat ?? .long)))
                        return call.target
                    }),
            ]
        }
    }

    // MARK: atomic_t, atomic_long_t, atomic64_t

    private static func counterOperations(_ counter: CounterType) -> [PrimitiveEntry] {
        let v = Parameter("v", .pointer(.atomic(counter.type)))
        let i = Parameter("i", .integer(counter.value))
        let value = ResultType.counter(counter.value)
        let p = counter.prefix
        var entries: [PrimitiveEntry] = [
            PrimitiveEntry(
                p + "read", PrimitiveSignature(value, [v]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Reads v.", effect: "Loads v, unordered.",
                lowering: .emit(.load(.once))),
            PrimitiveEntry(
                p + "read_acquire", PrimitiveSignature(value, [v]),
                ordering: .acquire, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Reads v with acquire ordering.", effect: "Loads v; no later access of this CPU is ordered before it.",
                lowering: .emit(.load(.acquire))),
            PrimitiveEntry(
                p + "set", PrimitiveSignature(.none, [v, i]),
                ordering: .relaxedAccess, events: [.write], violations: [.useAfterFree, .unionMisuse, .bug], implementation: "execute",
                summary: "Sets v to i.", effect: "Stores i into v, unordered.",
                lowering: .formatted { [.store(.once, $0)] }),
            PrimitiveEntry(
                p + "set_release", PrimitiveSignature(.none, [v, i]),
                ordering: .release, events: [.write], violations: [.useAfterFree, .unionMisuse, .bug], implementation: "execute",
                summary: "Sets v to i with release ordering.", effect: "Stores i into v; no earlier access of this CPU is ordered after it.",
                lowering: .formatted { [.store(.release, $0)] }),
        ]
        func rmw(_ name: String, _ operation: RMWOperation, implicit: Int64?, result: RMWResult, ordering: RMWOrdering,
                 returns: ResultType, summary: String) -> PrimitiveEntry {
            let signature = implicit.map { PrimitiveSignature(returns, [v], operands: [.argument(0), .constant($0)]) }
                ?? PrimitiveSignature(returns, [i, v], operands: [.argument(1), .argument(0)])
            return PrimitiveEntry(
                name, signature,
                ordering: orderingClass(ordering), events: [.update], violations: rmwViolations, implementation: "executeAtomic",
                summary: summary,
                effect: "One atomic read-modify-write of v, wrapping to its width, \(orderingSentence(ordering)).",
                lowering: .formatted { [.primitive(.readModifyWrite(operation, result: result, ordering: ordering, format: $0))] })
        }
        for (name, operation, implicit, verb) in arithmetic {
            entries.append(rmw(p + name, operation, implicit: implicit, result: .none, ordering: .relaxed, returns: .none, summary: verb + "."))
        }
        for (name, operation, implicit, verb) in arithmetic where ["add", "sub", "inc", "dec"].contains(name) {
            for (suffix, ordering) in variants {
                entries.append(rmw(p + name + "_return" + suffix, operation, implicit: implicit, result: .new, ordering: ordering,
                                   returns: value, summary: verb + " and returns the new value."))
            }
        }
        for (name, operation, implicit, verb) in arithmetic {
            for (suffix, ordering) in variants {
                entries.append(rmw(p + "fetch_" + name + suffix, operation, implicit: implicit, result: .old, ordering: ordering,
                                   returns: value, summary: verb + " and returns the old value."))
            }
        }
        for (name, operation, implicit, verb) in arithmetic where ["sub", "inc", "dec"].contains(name) {
            entries.append(rmw(p + name + "_and_test", operation, implicit: implicit, result: .isZero, ordering: .full,
                               returns: .type(.bool), summary: verb + " and returns whether v is now zero."))
        }
        for (suffix, ordering) in variants {
            entries.append(rmw(p + "add_negative" + suffix, .add, implicit: nil, result: .isNegative, ordering: ordering,
                               returns: .type(.bool), summary: "Adds i to v and returns whether v is now negative."))
        }
        return entries + conditionals(counter, v: v, value: value)
    }

    private static func conditionals(_ counter: CounterType, v: Parameter, value: ResultType) -> [PrimitiveEntry] {
        let p = counter.prefix
        let integer = ParameterKind.integer(counter.value)
        let conditional: [ViolationKind] = rmwViolations
        var entries: [PrimitiveEntry] = []
        for (suffix, ordering) in variants {
            entries += [
                PrimitiveEntry(
                    p + "xchg" + suffix, PrimitiveSignature(value, [v, Parameter("new", integer)]),
                    ordering: orderingClass(ordering), events: [.update], violations: rmwViolations, implementation: "executeAtomic",
                    summary: "Sets v to new and returns the old value.",
                    effect: "One atomic exchange of v, \(orderingSentence(ordering)).",
                    lowering: .formatted { [.primitive(.exchange(ordering, format: $0))] }),
                PrimitiveEntry(
                    p + "cmpxchg" + suffix, PrimitiveSignature(value, [v, Parameter("old", integer), Parameter("new", integer)]),
                    ordering: .onSuccess(ordering), events: [.update, .read], violations: conditional, implementation: "executeAtomic",
                    summary: "Sets v to new if it holds old; returns the value found.",
                    effect: "One atomic compare-and-exchange of v, \(orderingSentence(ordering)) when it succeeds; a failed one only reads.",
                    lowering: .formatted { [.primitive(.compareExchange(ordering, format: $0))] }),
                PrimitiveEntry(
                    p + "try_cmpxchg" + suffix, PrimitiveSignature(.type(.bool), [v, Parameter("old", .expectedLocal), Parameter("new", integer)]),
                    ordering: .onSuccess(ordering), events: [.update, .read], violations: conditional, implementation: "executeAtomic",
                    summary: "Sets v to new if it holds *old, else stores the value found in *old; returns whether it succeeded.",
                    effect: "One atomic compare-and-exchange of v, \(orderingSentence(ordering)) when it succeeds; old is a local the call updates.",
                    lowering: .custom { compiler, call in
                        let expected = call.locals[1]!
                        compiler.emit(.primitive(.compareExchange(ordering, format: call.target?.storageFormat ?? .int)))
                        let actual = compiler.hiddenLocal()
                        compiler.emit(.storeLocal(actual))
                        compiler.emit(.loadLocal(actual))
                        compiler.emit(.loadLocal(expected))
                        compiler.emit(.binary(.equal))
                        compiler.emit(.loadLocal(actual))
                        compiler.emit(.storeLocal(expected))
                        compiler.emit(.push(0))
                        compiler.emit(.storeLocal(actual))
                        return .bool
                    }),
            ]
        }
        entries += [
            PrimitiveEntry(
                p + "add_unless", PrimitiveSignature(.type(.bool), [v, Parameter("a", integer), Parameter("u", integer)]),
                ordering: .onSuccess(.full), events: [.update, .read], violations: conditional, implementation: "executeAtomic",
                summary: "Adds a to v unless v is u; returns whether it added.",
                effect: "One atomic conditional add, fully ordered when it adds; when v is u it only reads.",
                lowering: .formatted { [.primitive(.addUnless(format: $0))] }),
            PrimitiveEntry(
                p + "inc_not_zero", PrimitiveSignature(.type(.bool), [v], operands: [.argument(0), .constant(1), .constant(0)]),
                ordering: .onSuccess(.full), events: [.update, .read], violations: conditional, implementation: "executeAtomic",
                summary: "Increments v unless it is zero; returns whether it did.",
                effect: "One atomic conditional increment, fully ordered when it increments; a zero v is only read.",
                lowering: .formatted { [.primitive(.addUnless(format: $0))] }),
        ]
        return entries
    }

    /// s390's page-table fragment counter.
    private static var xorBits: PrimitiveEntry {
        PrimitiveEntry(
            "atomic_xor_bits", PrimitiveSignature(.type(.integer(.unsignedInt, name: "unsigned int")),
                                                  [Parameter("v", .pointer(.atomic("atomic_t"))), Parameter("bits", .integer("unsigned int"))]),
            ordering: .fullyOrdered, events: [.update], violations: rmwViolations, implementation: "executeAtomic",
            summary: "XORs bits into v and returns the new value (s390).",
            effect: "One fully ordered atomic XOR of v.",
            lowering: .formatted { [.primitive(.readModifyWrite(.xor, result: .new, ordering: .full, format: $0))] })
    }

    private static var initialisers: [PrimitiveEntry] {
        counterTypes.map { counter in
            PrimitiveEntry(
                counter.initialiser, PrimitiveSignature(.computed(counter.type), [Parameter("i", .integer(counter.value))]),
                ordering: .none, events: [], implementation: "initialState",
                summary: "The initial value of an \(counter.type) declared in the init block.",
                effect: "Sets the atomic's cell to i before any step.",
                lowering: .initializer)
        }
    }
}
