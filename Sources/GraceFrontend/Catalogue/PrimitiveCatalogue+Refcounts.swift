extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let refcountsIntroduction = """
        `refcount_t` is the kernel's checked reference count
        (include/linux/refcount.h): an increment of a count at 0, which means the
        object is being freed, a decrement below 0, and an increment past INT_MAX
        make the kernel saturate the count at `REFCOUNT_SATURATED` and warn
        (`refcount_warn_saturate()`); here the warning is a `warning` violation.
        `struct kref` holds one `refcount_t`. Both start at 0 in the init block;
        `refcount_set` and `kref_init` give them their first value.
        """

    /// refcount_t and struct kref: atomic counts that refuse to be misused,
    /// with the orderings refcount.h documents.
    static var refcounts: [PrimitiveEntry] {
        let count = Parameter("r", .pointer(.refcount))
        let kref = Parameter("kref", .pointer(.kref))
        let violations: [ViolationKind] = [.warning, .useAfterFree, .unionMisuse, .bug]
        func checked(_ name: String, _ parameter: Parameter, _ operation: RefcountOperation, ordering: OrderingClass,
                     summary: String, effect: String) -> PrimitiveEntry {
            let returns = operation == .increment || operation == .decrement
            return PrimitiveEntry(
                name, PrimitiveSignature(returns ? .none : .type(.bool), [parameter]),
                ordering: ordering, events: [.update], violations: violations, implementation: "executeRefcount",
                summary: summary, effect: effect, lowering: .emit(.primitive(.refcount(operation))))
        }
        let incrementing = "One atomic increment of the count, unordered; from 0 it warns \"addition on 0; use-after-free\", at INT_MAX or saturated \"saturated; leaking memory\"."
        let testingIncrement = "One atomic increment unless the count is 0 (then it only reads it and returns false), unordered (a control dependency orders what the caller does with the object); past INT_MAX it warns."
        let decrementAndTest = "One atomic decrement with release ordering, and acquire ordering when it returns true (the count reached 0, the caller frees); below 0 it warns \"underflow; use-after-free\"."
        return [
            PrimitiveEntry(
                "refcount_set", PrimitiveSignature(.none, [count, Parameter("n", .integer("int"))]),
                ordering: .relaxedAccess, events: [.write], violations: [.useAfterFree, .unionMisuse, .bug], implementation: "execute",
                summary: "Sets a refcount_t to n.", effect: "Stores n into the count, unordered.", lowering: .emit(.store(.once, .int))),
            PrimitiveEntry(
                "refcount_read", PrimitiveSignature(.type(.int), [count]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Reads a refcount_t.", effect: "Loads the count, unordered.", lowering: .emit(.load(.once))),
            checked("refcount_inc", count, .increment, ordering: .relaxedRMW, summary: "Takes a reference.", effect: incrementing),
            checked("refcount_inc_not_zero", count, .incrementNotZero, ordering: .onSuccess(.relaxed),
                    summary: "Takes a reference unless the count is 0; returns whether it did.", effect: testingIncrement),
            checked("refcount_dec_and_test", count, .decrementAndTest, ordering: .release,
                    summary: "Drops a reference; returns whether it was the last.", effect: decrementAndTest),
            checked("refcount_dec", count, .decrement, ordering: .release, summary: "Drops a reference that is not the last.",
                    effect: "One atomic decrement with release ordering; reaching 0 warns \"decrement hit 0; leaking memory\": nobody frees the object."),
            PrimitiveEntry(
                "kref_init", PrimitiveSignature(.none, [kref], operands: [.argument(0), .constant(1)]),
                ordering: .relaxedAccess, events: [.write], violations: [.useAfterFree, .unionMisuse, .bug], implementation: "execute",
                summary: "Initialises a kref to one reference.", effect: "Stores 1 into kref->refcount, unordered.", lowering: .emit(.store(.once, .int))),
            PrimitiveEntry(
                "kref_read", PrimitiveSignature(.type(.int), [kref]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Reads a kref's count.", effect: "Loads kref->refcount, unordered.", lowering: .emit(.load(.once))),
            checked("kref_get", kref, .increment, ordering: .relaxedRMW, summary: "Takes a reference (refcount_inc of kref->refcount).", effect: incrementing),
            checked("kref_get_unless_zero", kref, .incrementNotZero, ordering: .onSuccess(.relaxed),
                    summary: "Takes a reference unless the count is 0; returns whether it did.", effect: testingIncrement),
            PrimitiveEntry(
                "kref_put", PrimitiveSignature(.type(.int), [kref, Parameter("release", .callback("void (*)(struct kref *)", Callback(expectation: "a function", takesOne: nil)))],
                                               operands: [.argument(0)]),
                ordering: .release, events: [.update], violations: violations, implementation: "executeRefcount",
                summary: "Drops a reference; on the last, calls release(kref) and returns 1.",
                effect: decrementAndTest + " When it returns true, release(kref) runs right after, in the same context; release must name a function of the model that takes the struct kref * and returns void.",
                lowering: .custom { compiler, call in compiler.krefPut(call) }),
        ]
    }
}
