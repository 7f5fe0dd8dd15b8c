import Synchronization

/// A flag another thread raises to end a search early (SIGINT). The checker
/// polls it between expansions; a raised flag ends the search `inconclusive`.
public final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    public var isRaised: Bool { raised.load(ordering: .relaxed) }

    public func raise() {
        raised.store(true, ordering: .relaxed)
    }
}
