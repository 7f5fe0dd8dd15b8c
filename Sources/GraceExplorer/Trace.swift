import GraceFrontend
import GraceSemantics

/// A counterexample as data: each step with who ran it, where, and what it
/// did; renderers draw it as text, JSON or charts without re-running anything.
public struct Trace: Sendable {
    public struct Step: Sendable {
        public var number: Int
        public var cpu: Int
        public var context: ContextKind
        public var function: String
        public var line: Int
        public var sourceText: String
        public var events: [TraceEvent]
    }

    public var steps: [Step]
    public var violation: Violation
    /// One sentence tying the violation to the steps that caused it.
    public var explanation: String
}
