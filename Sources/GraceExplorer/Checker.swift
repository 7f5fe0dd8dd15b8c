import GraceSemantics

/// A search strategy: explores a transition system and reports what its
/// properties concluded (stateright's `Checker`). Strategies differ in how
/// they explore and what they cost, never in what a verdict means: the
/// properties decide it from what the search reports, and the system
/// makes the trace of the path the search found.
public protocol Checker {
    associatedtype System: TransitionSystem

    init(system: System, properties: [any Property<System>], options: CheckOptions)

    /// Runs the search to its end or to a budget.
    func run() -> CheckResult
}
