extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let bitsIntroduction = """
        `addr` points at any integer, atomic or pointer word; `nr` is a bit number
        from 0 to 63. `__set_bit` and `__clear_bit` are not atomic in the kernel;
        here they are one step like the others.

        Each page flag (`PG_locked`, `PG_referenced`, `PG_uptodate`, `PG_dirty`,
        `PG_lru`, `PG_active`) has the kernel's `Page`, `SetPage`, `ClearPage`,
        `__SetPage`, `__ClearPage`, `TestSetPage` and `TestClearPage` forms on a
        `struct page *`, and the `folio_` forms on a `struct folio *`, which is the
        same struct here: a folio is its first page. The flags live in
        `page->flags`, a field of `struct page`, which is never freed, so they raise
        no use-after-free. The test-and forms are fully ordered, the others
        relaxed.
        """

    /// Bit operations on any word, and the page-flag forms of each flag in
    /// `PageFlag`: the Page*/SetPage* macros and the folio_* functions.
    static var bits: [PrimitiveEntry] {
        bitOperations + PageFlag.allCases.flatMap(pageFlagOperations)
    }

    private static let rmwViolations: [ViolationKind] = [.useAfterFree, .unionMisuse, .bug]

    private static var bitOperations: [PrimitiveEntry] {
        let signature = { (result: ResultType) in
            PrimitiveSignature(result, [Parameter("nr", .integer("long")), Parameter("addr", .pointer(.word))])
        }
        func rmw(_ name: String, _ operation: BitOperation, _ ordering: RMWOrdering, summary: String) -> PrimitiveEntry {
            PrimitiveEntry(
                name, signature(operation.returnsOldBit ? .type(.bool) : .none),
                ordering: orderingClass(ordering), events: [.update], violations: rmwViolations, implementation: "executeBit",
                summary: summary,
                effect: "One atomic update of bit nr of *addr\(operation.returnsOldBit ? ", returning the bit's old value" : ""); a bit number outside 0 to 63 is a bug.",
                lowering: .emit(.primitive(.bit(operation, ordering))))
        }
        func test(_ name: String, _ ordering: AccessOrdering, summary: String) -> PrimitiveEntry {
            PrimitiveEntry(
                name, signature(.type(.bool)),
                ordering: ordering == .acquire ? .acquire : .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug],
                implementation: "testBit",
                summary: summary,
                effect: "Loads *addr and returns bit nr; a bit number outside 0 to 63 is a bug.",
                lowering: .emit(.primitive(.testBit(ordering))))
        }
        return [
            rmw("set_bit", .set, .relaxed, summary: "Sets bit nr of *addr."),
            rmw("clear_bit", .clear, .relaxed, summary: "Clears bit nr of *addr."),
            rmw("change_bit", .change, .relaxed, summary: "Flips bit nr of *addr."),
            rmw("test_and_set_bit", .testAndSet, .full, summary: "Sets bit nr of *addr and returns its old value."),
            rmw("test_and_clear_bit", .testAndClear, .full, summary: "Clears bit nr of *addr and returns its old value."),
            rmw("test_and_change_bit", .testAndChange, .full, summary: "Flips bit nr of *addr and returns its old value."),
            rmw("clear_bit_unlock", .clear, .release, summary: "Clears bit nr of *addr with release ordering (a bit lock's unlock)."),
            rmw("test_and_set_bit_lock", .testAndSet, .acquire, summary: "Sets bit nr of *addr with acquire ordering and returns its old value (a bit lock's trylock)."),
            rmw("__set_bit", .nonAtomicSet, .relaxed, summary: "Sets bit nr of *addr, non-atomically (one step here all the same)."),
            rmw("__clear_bit", .nonAtomicClear, .relaxed, summary: "Clears bit nr of *addr, non-atomically (one step here all the same)."),
            test("test_bit", .once, summary: "Returns bit nr of *addr."),
            test("test_bit_acquire", .acquire, summary: "Returns bit nr of *addr, with acquire ordering."),
        ]
    }

    /// The seven forms of one flag, for a struct page and for a folio: the
    /// RMWs on `flags` at the flag's bit, test-and forms fully ordered.
    /// `flags` is a field of struct page, which is never freed and shares
    /// no cells with its rcu_head: only a bad page pointer goes wrong.
    private static func pageFlagOperations(_ flag: PageFlag) -> [PrimitiveEntry] {
        let forms: [(page: String, folio: String, operation: BitOperation?, summary: String)] = [
            ("TestClearPage", "folio_test_clear_", .testAndClear, "Clears %@ and returns whether it was set."),
            ("TestSetPage", "folio_test_set_", .testAndSet, "Sets %@ and returns whether it was set."),
            ("__SetPage", "__folio_set_", .nonAtomicSet, "Sets %@, non-atomically (one step here all the same)."),
            ("__ClearPage", "__folio_clear_", .nonAtomicClear, "Clears %@, non-atomically (one step here all the same)."),
            ("SetPage", "folio_set_", .set, "Sets %@."),
            ("ClearPage", "folio_clear_", .clear, "Clears %@."),
            ("Page", "folio_test_", nil, "Returns whether %@ is set."),
        ]
        var entries: [PrimitiveEntry] = []
        for (isFolio, target) in [(false, PointerTarget.page), (true, PointerTarget.folio)] {
            for form in forms {
                let name = isFolio ? form.folio + flag.folioName : form.page + flag.pageName
                let summary = form.summary.replacingOccurrences(of: "%@", with: flag.constantName)
                let parameter = Parameter(isFolio ? "folio" : "page", .pointer(target), then: field(KernelStructs.Page.flags))
                let operands: [Operand] = [.constant(flag.rawValue), .argument(0)]
                if let operation = form.operation {
                    let ordering: RMWOrdering = operation.returnsOldBit ? .full : .relaxed
                    entries.append(PrimitiveEntry(
                        name, PrimitiveSignature(operation.returnsOldBit ? .type(.bool) : .none, [parameter], operands: operands),
                        ordering: orderingClass(ordering), events: [.update], violations: [.bug], implementation: "executeBit",
                        summary: summary,
                        effect: "One atomic update of bit \(flag.rawValue) of \(parameter.name)->flags, \(ordering == .full ? "fully ordered" : "unordered").",
                        lowering: .emit(.primitive(.bit(operation, ordering)))))
                } else {
                    entries.append(PrimitiveEntry(
                        name, PrimitiveSignature(.type(.bool), [parameter], operands: operands),
                        ordering: .relaxedAccess, events: [.read], violations: [.bug], implementation: "testBit",
                        summary: summary,
                        effect: "Loads \(parameter.name)->flags and returns bit \(flag.rawValue).",
                        lowering: .emit(.primitive(.testBit(.once)))))
                }
            }
        }
        return entries
    }
}
