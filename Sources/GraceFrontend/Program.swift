/// A model checked and compiled: what the semantics layer executes.
public struct Program: Sendable {
    public var name: String
    /// Warnings about a model that compiled (a register read but never set).
    public var warnings: [Diagnostic]
    /// The quoted description under the `C` line, if any.
    public var description: String?
    /// The header's `Key=value` lines (`Cycle=`, `Hash=`, ...), as written.
    public var metadata: [MetadataField]
    public var file: SourceFile
    public var directives: Directives
    public var types: TypeTable
    public var objects: [ObjectInfo]
    public var functions: [Function]
    /// Thread `Pn` is `threads[n]`.
    public var threads: [ThreadEntry]
    public var condition: CompiledCondition?
    public var filter: CompiledProposition?
    public var memoryCells: Int
    /// Cell addresses (object base + offset) of every rcu_head.
    public var rcuHeadCells: [Int]
    /// Cell addresses where an rcu_head overlays a list_head.
    public var rcuListOverlayCells: Set<Int>
    /// Cell addresses of every struct srcu_struct: SRCU reader indices are
    /// unique across them.
    public var srcuCells: [Int]
    public var cpuCount: Int
    /// The first of the per-context stack objects (CPU-major, three contexts
    /// a CPU), which hold locals whose address is taken; nil when none do.
    public var stackObjectBase: Int?
    /// Deepest call chain and largest stack any context can need.
    public var maxFrames: Int
    public var maxValues: Int

    public var config: ModelConfig { directives.config }
}

public struct ObjectInfo: Sendable {
    public enum Kind: Sendable { case plain, page, mm, stack }

    public var name: String
    public var type: CType
    public var kind: Kind
    public var base: Int
    public var size: Int
    /// For pages: where the contents start; cells before it are `struct page`.
    public var contentsOffset: Int
    public var initiallyAlive: Bool
    /// (offset, value) of the cells that do not start at zero.
    public var initialValues: [(offset: Int, value: Int64)]
    /// Declared in the model (not an allocator pool page).
    public var isDeclared: Bool

    /// Whether freeing the object invalidates the cell at `offset`.
    @inline(__always)
    public func isLifetimeChecked(offset: Int) -> Bool {
        offset >= contentsOffset
    }
}

public struct Function: Sendable {
    public var name: String
    public var location: SourceLocation
    public var localNames: [String]
    public var localTypes: [CType]
    public var maxStack: Int
    public var code: [Instruction]
    public var locations: [SourceLocation]
    public var callees: [Int]
    /// Cells of stack memory this function's frame uses.
    public var frameStackSize: Int

    public var localCount: Int { localNames.count }
}

public struct ThreadEntry: Sendable {
    public var index: Int
    public var function: Int
    /// Values of the entry frame's locals at the start (herd7 pointer parameters).
    public var initialLocals: [Int64]
    /// Locals still read after the thread ends (by the final condition).
    public var keptLocals: [Int]
}

public struct CompiledCondition: Sendable {
    public var quantifier: FinalConditionQuantifier
    public var proposition: CompiledProposition
    public var text: String
}

public enum FinalConditionQuantifier: String, Sendable {
    case exists, notExists = "~exists", forall
}

public indirect enum CompiledProposition: Sendable {
    case constant(Bool)
    case compare(CompiledLocation, equal: Bool, Int64)
    /// Two locations' values (`0:r1=1:r2`, `x=*y`).
    case compareLocations(CompiledLocation, equal: Bool, CompiledLocation)
    case and(CompiledProposition, CompiledProposition)
    case or(CompiledProposition, CompiledProposition)
    case not(CompiledProposition)
}

public enum CompiledLocation: Sendable, Hashable {
    case memory(cell: Int)
    case register(thread: Int, slot: Int)
}
