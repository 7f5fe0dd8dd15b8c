import GraceFrontend
import GraceSemantics

/// What one shard of a search reported, as `grace merge` reads it back.
public struct ShardFinding: Sendable {
    public var coverage: ShardCoverage
    /// Why the shard's search ended unfinished, if it did.
    public var inconclusiveReason: String?
    public var statistics: CheckStatistics

    public init(coverage: ShardCoverage, inconclusiveReason: String?, statistics: CheckStatistics) {
        self.coverage = coverage
        self.inconclusiveReason = inconclusiveReason
        self.statistics = statistics
    }
}

/// Joins the shards of one search into the result the search on one
/// machine gives: the same verdict, and the same counterexample.
///
/// Every shard searched the levels above the split in full, and each state
/// of the split level is some shard's, so every path of the state space is
/// searched by the shard that owns the path's state on the split level.
/// The single search reports, of its shortest counterexamples, the one
/// with the fewest switches and then the least choice indices
/// (`CounterexamplePath`), an order that depends on the path alone: the
/// shard that owns that counterexample's split-level state finds it, and no
/// shard finds one before it, so it is the least of the shards'.
public enum ShardMerge {
    public enum Failure: Error, Sendable, Equatable {
        /// A shard's counterexample does not replay on the model.
        case counterexampleDoesNotReplay(shard: Int)
        /// The memory model runs on the graph explorer, which has no shards.
        case unsupportedMemoryModel
    }

    public static func merge(_ findings: [ShardFinding], program: Program, under memoryModel: MemoryModelKind) -> Result<CheckResult, Failure> {
        switch memoryModel {
        case .sc: return merge(findings, system: KernelSystem<SequentialConsistency>(program: program))
        case .tso: return merge(findings, system: KernelSystem<TotalStoreOrder>(program: program))
        case .lkmm: return .failure(.unsupportedMemoryModel)
        }
    }

    private static func merge<Memory: MemoryModel>(_ findings: [ShardFinding], system: KernelSystem<Memory>) -> Result<CheckResult, Failure> {
        let checker = BreadthFirstChecker(system: system, properties: system.properties, options: CheckOptions())
        var statistics = CheckStatistics()
        for finding in findings {
            statistics.states += finding.statistics.states
            statistics.transitions += finding.statistics.transitions
            statistics.finalStates += finding.statistics.finalStates
            statistics.depth = max(statistics.depth, finding.statistics.depth)
            statistics.seconds = max(statistics.seconds, finding.statistics.seconds)
            statistics.peakMemoryBytes = max(statistics.peakMemoryBytes, finding.statistics.peakMemoryBytes)
            statistics.stateBytes = max(statistics.stateBytes, finding.statistics.stateBytes)
        }
        var result = CheckResult(outcome: .verdict(.pass), memoryModel: system.memoryModel, violation: nil, trace: nil, statistics: statistics,
                                 satisfyingFinalStates: 0, consideredFinalStates: 0)
        if let (shard, path) = leastCounterexample(findings) {
            guard let (violation, trace) = checker.counterexample(following: path) else { return .failure(.counterexampleDoesNotReplay(shard: shard)) }
            result.outcome = .verdict(.violation(violation.kind))
            result.violation = violation
            result.trace = trace
            return .success(result)
        }
        let unfinished = findings.filter { $0.inconclusiveReason != nil }
        if !unfinished.isEmpty {
            let reasons = unfinished.map { "shard \($0.coverage.spec.index)/\($0.coverage.spec.count): \($0.inconclusiveReason!)" }
            result.outcome = .inconclusive(reason: reasons.joined(separator: "; "))
            return .success(result)
        }
        var outcomes: [String: Bool] = [:]
        for record in findings.flatMap(\.coverage.finalStates) { outcomes[record.words] = record.satisfies }
        var tally = FinalStateTally()
        tally.considered = outcomes.count
        tally.satisfying = outcomes.values.filter { $0 }.count
        result.satisfyingFinalStates = tally.satisfying
        result.consideredFinalStates = tally.considered
        if system.program.condition != nil { result.outcome = .verdict(tally.conditionVerdict) }
        return .success(result)
    }

    /// The least of the shards' counterexamples that the single search
    /// would reach: it looks no deeper than the level where a step first
    /// ran into a limit of Grace, and every shard saw that level's depth
    /// (the shard owning the state found it at its true depth, others no
    /// shallower).
    private static func leastCounterexample(_ findings: [ShardFinding]) -> (shard: Int, path: CounterexamplePath)? {
        let limitDepth = findings.compactMap(\.coverage.limitDepth).min()
        var best: (shard: Int, path: CounterexamplePath)?
        for finding in findings {
            guard let path = finding.coverage.counterexample else { continue }
            if let limitDepth, path.ordinals.count > limitDepth + (path.isStuck ? 0 : 1) { continue }
            if best.map({ path < $0.path }) ?? true { best = (finding.coverage.spec.index, path) }
        }
        return best
    }
}

/// How the shards of a merged search divided it, for the merged report.
public struct MergedShards: Sendable {
    public var count: Int
    /// Nil when every shard's search ended above the split, so each
    /// searched everything.
    public var splitDepth: Int?
    public var levelWidth: Int
    /// The states each shard stored, in shard order: states reached by more
    /// than one shard count in each.
    public var states: [Int]

    public init(count: Int, splitDepth: Int?, levelWidth: Int, states: [Int]) {
        self.count = count
        self.splitDepth = splitDepth
        self.levelWidth = levelWidth
        self.states = states
    }
}
