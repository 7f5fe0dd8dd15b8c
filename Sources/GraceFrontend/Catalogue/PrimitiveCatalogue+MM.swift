extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let mmIntroduction = """
        An mm declared in the init block starts with `mm_users` and `mm_count` at
        1, and is freed when `mm_count` reaches 0; its fields are then freed
        memory.
        """

    /// The reference counts of a struct mm_struct: mm_users (mmget, mmput)
    /// keeps the address space, mm_count (mmgrab, mmdrop) the struct, which
    /// is freed when mm_count reaches 0 (SPEC §2.3).
    static var mm: [PrimitiveEntry] {
        let mm = Parameter("mm", .pointer(.mm))
        func count(_ name: String, aliases: [String] = [], _ operation: MMOperation, ordering: OrderingClass, events: [EventKind],
                   violations: [ViolationKind], summary: String, effect: String) -> PrimitiveEntry {
            PrimitiveEntry(
                name, aliases: aliases, PrimitiveSignature(operation == .getNotZero ? .type(.bool) : .none, [mm]),
                ordering: ordering, events: events, violations: violations, implementation: "executeMM",
                summary: summary, effect: effect, lowering: .emit(.primitive(.mm(operation))))
        }
        // A freed mm's counts are freed memory: dropping a reference to it
        // again reads them first, a use-after-free, never a double free.
        let dropping = "Lowers mm_count; at zero the mm is freed, and later uses of it, dropping it again among them, are use-after-free. Dropping below zero is a bug."
        return [
            count("mmgrab", .grab, ordering: .relaxedRMW, events: [.update], violations: [.useAfterFree, .bug],
                  summary: "Takes a reference to the struct mm_struct.", effect: "Raises mm_count; grabbing an mm whose mm_count is zero is a use-after-free."),
            count("mmdrop", aliases: ["mmdrop_async"], .drop, ordering: .fullyOrdered, events: [.update, .free],
                  violations: [.useAfterFree, .bug], summary: "Drops a reference to the struct mm_struct.", effect: dropping),
            count("mmget", .get, ordering: .relaxedRMW, events: [.update], violations: [.useAfterFree, .bug],
                  summary: "Takes a reference to the address space.", effect: "Raises mm_users."),
            count("mmput", aliases: ["mmput_async"], .put, ordering: .fullyOrdered, events: [.update, .free],
                  violations: [.useAfterFree, .bug], summary: "Drops a reference to the address space.",
                  effect: "Lowers mm_users; at zero it drops the reference mm_users held on mm_count. " + dropping),
            count("mmget_not_zero", .getNotZero, ordering: .onSuccess(.full), events: [.update], violations: [.useAfterFree, .bug],
                  summary: "Takes a reference to the address space unless it has none; returns whether it did.",
                  effect: "Raises mm_users unless it is zero."),
        ]
    }
}
