/// Everything Grace knows about one kernel primitive: the names a model may
/// call it by, its C signature, how it is ordered, what it does and can go
/// wrong, its documentation, and the IR it compiles to. The compiler,
/// `grace help primitives` and the reference read it; the interpreter
/// function it names implements its step.
public struct PrimitiveEntry: Sendable {
    public let name: String
    public let aliases: [String]
    public internal(set) var family: PrimitiveFamily = .model
    public let signature: PrimitiveSignature
    public let ordering: OrderingClass
    /// The kinds of trace event its step records.
    public let events: [EventKind]
    /// What it does to the machine, for the reference.
    public let effect: String
    /// The violations its step can raise.
    public let violations: [ViolationKind]
    /// One line of documentation.
    public let summary: String
    /// The `Interpreter` method that executes it (`execute` for the loads,
    /// stores and arithmetic it compiles to).
    public let implementation: String
    let lowering: Lowering
    /// Set for an entry whose own lowering allocates (tlb_remove_table's
    /// batch page), which its instructions alone do not show.
    private let allocatesInLowering: Bool

    init(_ name: String, aliases: [String] = [], _ signature: PrimitiveSignature, ordering: OrderingClass,
         events: [EventKind], violations: [ViolationKind] = [], implementation: String,
         summary: String, effect: String, lowering: Lowering, allocates: Bool = false) {
        self.allocatesInLowering = allocates
        self.name = name
        self.aliases = aliases
        self.signature = signature
        self.ordering = ordering
        self.events = events
        self.violations = violations
        self.implementation = implementation
        self.summary = summary
        self.effect = effect
        self.lowering = lowering
    }

    /// Every name a model may call it by.
    public var names: [String] { [name] + aliases }

    /// The C declaration, under the entry's own name.
    public var declaration: String { signature.declaration(of: name) }

    /// Whether a call takes a page (or object) from the allocator: the
    /// allocator pool has one page per such call in the model.
    public var allocates: Bool {
        if allocatesInLowering { return true }
        guard case .instructions(let instructions) = lowering else { return false }
        return instructions.contains { instruction in
            if case .primitive(.memory(let operation)) = instruction { return operation.allocates }
            return false
        }
    }

    /// Whether the primitive is a statement (list_for_each_entry) or an
    /// initialiser (ATOMIC_INIT) rather than a call.
    public var form: Form {
        switch lowering {
        case .statement: return .statement
        case .initializer: return .initializer
        default: return .call
        }
    }

    public enum Form: Sendable {
        case call, statement, initializer
    }
}

/// How a call becomes IR once its operands are on the stack.
enum Lowering: Sendable {
    /// These instructions, at the call's location.
    case instructions([Instruction])
    /// Instructions for the integer format of the word the first pointer
    /// argument points at (an atomic_t's 32 bits, an atomic_long_t's 64).
    case formatted(@Sendable (IntegerFormat) -> [Instruction])
    /// A sequence of its own; returns the result type, nil after an error.
    case custom(@Sendable (inout FunctionCompiler, PrimitiveCall) -> CType?)
    /// Parsed as a statement; never a call.
    case statement
    /// Written in the init block; never a call.
    case initializer

    static func emit(_ instructions: Instruction...) -> Lowering { .instructions(instructions) }
}
