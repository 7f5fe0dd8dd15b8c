import GraceFrontend

/// A counterexample as data: each step with who ran it, where, and what it
/// did; renderers draw it as text, JSON or charts without re-running anything.
public struct Trace: Sendable {
    public struct Step: Sendable {
        public var number: Int
        public var cpu: Int
        public var context: ContextKind
        public var function: String
        public var line: Int
        public var column: Int
        public var sourceText: String
        /// The lines the step prints.
        public var events: [TraceEvent]
        /// What the step did, typed: what the explanation and the links
        /// read.
        public var kernelEvents: [KernelEvent]

        public init(number: Int, cpu: Int, context: ContextKind, function: String, line: Int, column: Int, sourceText: String,
                    events: [TraceEvent], kernelEvents: [KernelEvent]) {
            self.number = number
            self.cpu = cpu
            self.context = context
            self.function = function
            self.line = line
            self.column = column
            self.sourceText = sourceText
            self.events = events
            self.kernelEvents = kernelEvents
        }
    }

    /// A relation between two steps that the steps' text only implies.
    public struct Link: Sendable, Hashable {
        public enum Kind: String, Sendable {
            /// `from` sent an IPI that `to` took.
            case ipi
            /// `from` queued the RCU callback that `to` runs.
            case callback
            /// A grace period started at `from` (call_rcu, synchronize_rcu,
            /// synchronize_srcu) and was over after `to`.
            case gracePeriod = "grace-period"
            /// The read at `to` took its value from the write at `from`;
            /// weak memory models record these.
            case readsFrom = "reads-from"
        }

        public var kind: Kind
        /// Step numbers, as in `Step.number`.
        public var from: Int
        public var to: Int

        public init(_ kind: Kind, from: Int, to: Int) {
            self.kind = kind
            self.from = from
            self.to = to
        }
    }

    public var steps: [Step]
    public var violation: Violation
    /// One sentence tying the violation to the steps that caused it.
    public var explanation: String
    /// Relations between steps, ordered by `to`, then `from`.
    public var links: [Link] = []

    public init(steps: [Step], violation: Violation, explanation: String, links: [Link] = []) {
        self.steps = steps
        self.violation = violation
        self.explanation = explanation
        self.links = links
    }
}
