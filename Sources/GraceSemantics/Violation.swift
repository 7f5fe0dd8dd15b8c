import GraceFrontend

/// A broken invariant found while executing a step.
public struct Violation: Error, Sendable, Hashable {
    public var kind: ViolationKind
    /// One line saying what went wrong, naming the objects involved.
    public var message: String
    /// The object whose lifetime the violation is about, for the explanation
    /// that points back at the step that freed it.
    public var object: Int?
    /// The access the violation stopped, when it is about one (a read of
    /// freed memory): what it was, for the explanation.
    public var access: MemoryAccess.Kind?
    /// Where the violating instruction is, when it is not the step's own
    /// visible instruction (a local assert after the step's access).
    public var location: SourceLocation?
    public var function: String?

    public init(_ kind: ViolationKind, _ message: String, object: Int? = nil, access: MemoryAccess.Kind? = nil) {
        self.kind = kind
        self.message = message
        self.object = object
        self.access = access
    }
}

extension Violation {
    /// A `BUG_ON`, `WARN_ON` or `assert` whose condition held, naming its line.
    public static func failedCheck(_ kind: CheckKind, at location: SourceLocation, in file: SourceFile) -> Violation {
        let text = file.lineText(location.line).trimmingWhitespace()
        switch kind {
        case .bug: return Violation(.bug, "BUG at line \(location.line): \(text)")
        case .warning: return Violation(.warning, "WARNING at line \(location.line): \(text)")
        case .assertion: return Violation(.assertion, "assertion failed at line \(location.line): \(text)")
        }
    }
}
