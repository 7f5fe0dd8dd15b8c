import GraceFrontend
import GraceSemantics

/// Some context can always move until the run is over (SPEC §2.6): a state
/// that is not final and has no successor is a deadlock.
public struct DeadlockFreedom<System: TransitionSystem>: Property {
    public init() {}

    public func counterexample(in observation: Observation<System.State>, of system: System) -> Violation? {
        if case .stuck(let state) = observation { return Violation(.deadlock, system.describeStuck(state)) }
        return nil
    }
}
