import GraceFrontend
import GraceSemantics

/// The verdict of one (model, memory model) and the evidence for it.
public struct CheckResult: Sendable {
    public enum Outcome: Sendable, Hashable {
        case verdict(Verdict)
        /// A budget ran out: the search is incomplete, so no `pass` can follow.
        case inconclusive(reason: String)
    }

    public var outcome: Outcome
    public var memoryModel: MemoryModelKind
    public var violation: Violation?
    public var trace: Trace?
    public var statistics: CheckStatistics
    /// For an exists clause: how many final states satisfied it, of how many.
    public var satisfyingFinalStates: Int
    public var consideredFinalStates: Int

    public var verdict: Verdict? {
        if case .verdict(let verdict) = outcome { return verdict }
        return nil
    }
}
