/// Every kernel primitive a model can call, one entry each, in family
/// order. The compiler accepts exactly the names here: it looks a called
/// name up in one table built once, checks the arguments against the
/// entry's signature and emits the entry's IR.
public enum PrimitiveCatalogue {
    public static let entries: [PrimitiveEntry] = PrimitiveFamily.allCases.flatMap { family in
        family.entries.map { entry in
            var entry = entry
            entry.family = family
            return entry
        }
    }

    /// Entry index by every name and alias; a name taken twice is a bug in
    /// the catalogue, which a test guards.
    private static let index: [String: Int] = {
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            for name in entry.names where index[name] == nil { index[name] = position }
        }
        return index
    }()

    public static func entry(named name: String) -> PrimitiveEntry? {
        index[name].map { entries[$0] }
    }

    /// Kernel names a model may reach for that Grace does not model, with
    /// what the diagnostic says after the quoted name.
    static let unsupported: [String: String] = {
        var reasons = [
            "call_srcu": "is not modelled (nor is it in LKMM); a thread that calls synchronize_srcu() and then the callback's body stands for it",
        ]
        for prefix in ["atomic_", "atomic_long_", "atomic64_"] {
            reasons[prefix + "dec_if_positive"] = "is not supported"
        }
        return reasons
    }()

    /// The instructions that move a pointer to a struct to its field at
    /// `offset`: none for the first.
    static func field(_ offset: Int) -> [Instruction] {
        offset == 0 ? [] : [.offset(offset)]
    }

    /// How the parser reads a call's arguments: types and member names for
    /// the macros that take them (container_of), nil when all are expressions.
    static func macroArgumentShapes(of name: String) -> [Parser.MacroArgumentShape]? {
        guard let entry = entry(named: name) else { return nil }
        let shapes = entry.signature.parameters.map(\.kind.macroShape)
        return shapes.allSatisfy { $0 == .expression } ? nil : shapes
    }
}
