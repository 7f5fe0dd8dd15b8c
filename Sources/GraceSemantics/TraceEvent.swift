import GraceFrontend

/// Something a step did, recorded only when a trace is being replayed.
public struct TraceEvent: Sendable, Hashable {
    /// The kinds the catalogue's entries declare their steps produce.
    public typealias Kind = EventKind

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Collects the events of one step while a trace is replayed.
public struct EventLog: Sendable {
    public var events: [TraceEvent] = []
    /// What the step did, typed, in the order it did it.
    public var kernelEvents: [KernelEvent] = []
    /// Location of the visible instruction the step executed.
    public var location: SourceLocation?
    public var function: Int?
    /// The context that executed the step, which may have ended since.
    public var contextLevel: Int = 0

    public init() {}
}
