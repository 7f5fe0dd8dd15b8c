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
    /// Flags a consistent execution raised (LKMM's `data-race`), sorted.
    public var flags: [String] = []
    /// Whether the satisfying and considered counts are of executions (the
    /// graph explorer) rather than of final states.
    public var countsExecutions = false
    /// Under `--shard`: what this shard covered, for `grace merge`.
    public var shard: ShardCoverage?

    public var hasDataRace: Bool { flags.contains("data-race") }

    public var verdict: Verdict? {
        if case .verdict(let verdict) = outcome { return verdict }
        return nil
    }
}

extension CheckResult {
    /// What a search found, with the counts and flags its properties kept.
    init<System: TransitionSystem>(_ outcome: Outcome, of system: System, violation: Violation?, trace: Trace?,
                                   statistics: CheckStatistics, properties: [any Property<System>]) {
        let tally = properties.lazy.compactMap(\.tally).first ?? FinalStateTally()
        self.init(outcome: outcome, memoryModel: system.memoryModel, violation: violation, trace: trace, statistics: statistics,
                  satisfyingFinalStates: tally.satisfying, consideredFinalStates: tally.considered,
                  flags: Array(Set(properties.flatMap(\.flags))).sorted(), countsExecutions: tally.countsExecutions)
    }
}
