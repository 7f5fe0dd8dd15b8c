extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let checksIntroduction = """
        The condition is computed in the step that reads what it needs; a check
        that fails ends the run with its violation. `WARN_ON_ONCE` fails the first
        time, like `WARN_ON`.
        """

    /// The kernel's assertions and the model's own (SPEC §2.6). A check is
    /// not a step: it runs with the code around it.
    static var checks: [PrimitiveEntry] {
        let condition = Parameter("condition", .value("bool"))
        func bug(_ name: String, aliases: [String] = [], _ parameters: [Parameter], variadic: Bool = false, returns: ResultType,
                 kind: ViolationKind, summary: String, effect: String, _ instructions: Instruction...) -> PrimitiveEntry {
            PrimitiveEntry(
                name, aliases: aliases, PrimitiveSignature(returns, parameters, variadic: variadic),
                ordering: .none, events: [], violations: [kind], implementation: "execute",
                summary: summary, effect: effect, lowering: .instructions(instructions))
        }
        let warns = "A true condition is a warning violation; the call's value is the condition, as the kernel's is."
        return [
            bug("BUG_ON", aliases: ["VM_BUG_ON"], [condition], returns: .none, kind: .bug,
                summary: "Asserts that condition is false.", effect: "A true condition is a bug violation.", .check(.bug)),
            bug("BUG", [], returns: .none, kind: .bug, summary: "Marks code that must not be reached.", effect: "Reaching it is a bug violation.",
                .push(1), .check(.bug)),
            bug("VM_BUG_ON_PAGE", [condition, Parameter("page", .unevaluated("struct page *"))], returns: .type(.int), kind: .bug,
                summary: "Asserts that condition is false; the page is not evaluated.", effect: "A true condition is a bug violation.",
                .unary(.toBool), .dup, .check(.bug)),
            bug("WARN_ON", aliases: ["WARN_ON_ONCE", "VM_WARN_ON", "VM_WARN_ON_ONCE"], [condition], returns: .type(.int), kind: .warning,
                summary: "Warns when condition is true; returns it.", effect: warns, .unary(.toBool), .dup, .check(.warning)),
            bug("WARN", aliases: ["WARN_ONCE"], [condition, Parameter("format", .unevaluated("const char *"))], variadic: true,
                returns: .type(.int), kind: .warning, summary: "Warns when condition is true; returns it. The message is not evaluated.",
                effect: warns, .unary(.toBool), .dup, .check(.warning)),
            bug("VM_WARN_ON_ONCE_PAGE", [condition, Parameter("page", .unevaluated("struct page *"))], returns: .type(.int), kind: .warning,
                summary: "Warns when condition is true; returns it. The page is not evaluated.", effect: warns, .unary(.toBool), .dup, .check(.warning)),
            bug("assert", [Parameter("expression", .value("bool"))], returns: .none, kind: .assertion,
                summary: "The model's own invariant: expression must hold.", effect: "A false expression is an assertion violation.",
                .unary(.logicalNot), .check(.assertion)),
        ]
    }
}
