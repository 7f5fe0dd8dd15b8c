import GraceFrontend
import GraceSemantics

/// What a search reports to the properties that may be a counterexample:
/// a step that broke an invariant as it ran, or a state that is not final
/// and can go nowhere. Final states are reported to `observeFinal`.
public enum Observation<State> {
    case violatingStep(Violation)
    case stuck(State)
}

/// A property of a transition system's runs, judged from what a search
/// reports, so that no search strategy decides a verdict itself
/// (stateright's `Property`). A counterexample ends the search at the
/// shortest path to it; a complete search without one leaves the verdict
/// to `verdict`.
public protocol Property<System> {
    associatedtype System: TransitionSystem

    /// The violation an observation is for this property, if it is a
    /// counterexample. Pure: a search asks again while it rebuilds the path.
    func counterexample(in observation: Observation<System.State>, of system: System) -> Violation?

    /// Takes note of the final state of a complete run.
    mutating func observeFinal(_ state: System.State, of system: System)

    /// The verdict of a complete search that found no counterexample, or
    /// nil when the property has nothing to add to `pass`.
    var verdict: Verdict? { get }

    /// For a condition on final states: how many satisfied it, of how many
    /// it was judged on.
    var tally: FinalStateTally? { get }

    /// Flags the memory model raised on some final state (LKMM's
    /// `data-race`), sorted.
    var flags: [String] { get }
}

extension Property {
    public mutating func observeFinal(_ state: System.State, of system: System) {}
    public var verdict: Verdict? { nil }
    public var tally: FinalStateTally? { nil }
    public var flags: [String] { [] }
}

/// How many final states satisfied a condition, of how many it was judged on.
public struct FinalStateTally: Sendable, Hashable {
    public var satisfying = 0
    public var considered = 0
    /// Whether the final states are executions (graphs) rather than machine states.
    public var countsExecutions = false

    /// The verdict of a final condition judged on these states.
    public var conditionVerdict: Verdict {
        satisfying == 0 ? .never : satisfying == considered ? .always : .sometimes
    }
}

extension Array {
    /// The first counterexample the properties find in an observation.
    func counterexample<System: TransitionSystem>(in observation: Observation<System.State>, of system: System) -> Violation?
    where Element == any Property<System> {
        for property in self {
            if let violation = property.counterexample(in: observation, of: system) { return violation }
        }
        return nil
    }
}
