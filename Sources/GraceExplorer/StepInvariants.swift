import GraceSemantics

/// The invariants every step checks as it runs (no use after free, no
/// double free, the model's own asserts and BUG_ONs, ...): a step that
/// breaks one is a counterexample.
public struct StepInvariants<System: TransitionSystem>: Property {
    public init() {}

    public func counterexample(in observation: Observation<System.State>, of system: System) -> Violation? {
        if case .violatingStep(let violation) = observation { return violation }
        return nil
    }
}
