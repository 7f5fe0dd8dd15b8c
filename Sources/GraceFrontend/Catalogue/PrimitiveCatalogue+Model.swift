extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let modelIntroduction = """
        For a value the model leaves open, such as which entry a walker looks
        at.
        """

    /// The model's own nondeterminism.
    static var model: [PrimitiveEntry] {
        [
            PrimitiveEntry(
                "choose", PrimitiveSignature(.type(.int), [Parameter("n", .constant("int", 1...64, message: "choose(n) needs a constant n from 1 to 64"))]),
                ordering: .none, events: [.note], implementation: "executePrimitive",
                summary: "Any of 0 to n-1: every value is explored.",
                effect: "One step that branches into n successors, one per value (which entry a walker looks at, which CPU runs next).",
                lowering: .custom { compiler, call in
                    compiler.emit(.push(call.constants[0]!))
                    compiler.emit(.primitive(.choose))
                    return .int
                }),
        ]
    }
}
