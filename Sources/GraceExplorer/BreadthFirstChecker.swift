import Dispatch
import GraceFrontend
import GraceSemantics
import Synchronization

/// Exhaustive breadth-first search. The first counterexample is found at
/// the smallest depth, so its trace is a shortest one; among the shortest,
/// the search keeps the path with the fewest context switches. It reports
/// violating steps, stuck states and final states to the properties, which
/// decide the verdict, and leaves the trace to the transition system.
///
/// The search goes a level at a time: workers expand the states of a level
/// side by side (`CheckOptions.jobs`), each into its own buffers, and one
/// merge then takes their findings in the order of the states, as a search
/// of one state at a time would meet them. So states get the same indices,
/// and the search the same verdict, counts and trace, on any number of
/// workers.
public struct BreadthFirstChecker<System: MachineTransitionSystem>: Checker {
    let system: System
    let properties: [any Property<System>]
    let options: CheckOptions
    /// Interchangeable threads: when set, the search stores one state per
    /// class of states that differ only by swapping them.
    var symmetry: ThreadSymmetry?

    public init(system: System, properties: [any Property<System>], options: CheckOptions) {
        self.system = system
        self.properties = properties
        self.options = options
    }

    /// Where the search is: what it found so far and why it stopped.
    private struct Progress {
        var statistics = CheckStatistics()
        /// The first state of each breadth-first level: levels are runs of
        /// consecutive indices, so this is the depth of every state.
        var levels: [Int] = [0]
        /// The length of the shortest counterexample found so far.
        var shortest: Int?
        /// The first limit of Grace a step ran into, and the depth of its
        /// state: the search finishes that level, for a violation no longer
        /// than the unexplored step, and then ends inconclusive.
        var limitReached: (depth: Int, reason: String)?
        var inconclusive: String?
        var stopped = false
        /// Under `--shard`: where the level was split and what this shard found.
        var coverage: ShardCoverage?

        var byteCount: Int { levels.capacity * 8 }
    }

    public func run() -> CheckResult {
        ProcessMemory.resetPeak()
        let start = DispatchTime.now().uptimeNanoseconds
        var properties = self.properties
        var progress = Progress()
        progress.coverage = options.shard.map { ShardCoverage(spec: $0) }
        let (initial, initialOutcome) = system.initialState()
        switch initialOutcome {
        case .violation(let violation):
            progress.statistics.states = 1
            if let counterexample = properties.counterexample(in: .violatingStep(violation), of: system) {
                progress.coverage?.counterexample = CounterexamplePath(ordinals: [], switches: 0, isStuck: false)
                return result(.verdict(.violation(counterexample.kind)), counterexample, system.trace(following: [], to: counterexample),
                              finish(progress.statistics, start: start), properties, coverage: progress.coverage)
            }
        case .limitReached(let reason):
            progress.statistics.states = 1
            progress.coverage?.limitDepth = 0
            return result(.inconclusive(reason: reason), nil, nil, finish(progress.statistics, start: start), properties, coverage: progress.coverage)
        case .advanced, .blocked:
            break
        }
        var store = StateStore(layout: system.layout)
        var first = initial
        if let symmetry {
            symmetry.normalize(&first)
            _ = symmetry.canonicalize(&first)
        }
        _ = store.insert(first)
        var workers = (0..<max(1, options.jobs)).map { _ in ExpansionScratch(wordCount: system.layout.totalWords) }
        var finalState = MachineState(words: ContiguousArray(repeating: 0, count: system.layout.totalWords))
        var depth = 0
        while !progress.stopped && progress.levels[depth] < store.count {
            let range = progress.levels[depth]..<store.count
            let split = splitLevel(range, depth: depth, &progress)
            var chunks = expandLevel(range, store: store, properties: properties, workers: &workers, split: split, start: start)
            progress.levels.append(store.count)
            merge(&chunks, level: range, depth: depth, into: &store, &progress, &properties, finalState: &finalState, start: start)
            depth += 1
        }
        var statistics = progress.statistics
        statistics.states = store.count
        statistics.stateBytes = store.codec.packedBytes
        statistics.peakMemoryBytes = ProcessMemory.peakResidentBytes()
        statistics = finish(statistics, start: start)
        progress.coverage?.limitDepth = progress.limitReached?.depth
        if let shortest = progress.shortest {
            let (path, violation) = fewestSwitchPath(length: shortest, store: store, levels: progress.levels)
            progress.coverage?.counterexample = path
            return result(.verdict(.violation(violation.kind)), violation, system.trace(following: path.ordinals, to: violation), statistics, properties,
                          coverage: progress.coverage)
        }
        if let reason = progress.inconclusive ?? progress.limitReached?.reason {
            return result(.inconclusive(reason: reason), nil, nil, statistics, properties, coverage: progress.coverage)
        }
        return result(.verdict(properties.lazy.compactMap(\.verdict).first ?? .pass), nil, nil, statistics, properties, coverage: progress.coverage)
    }

    /// Under `--shard`, the level to split: the shard keeps its part of it,
    /// and below it searches from that part alone.
    private func splitLevel(_ range: Range<Int>, depth: Int, _ progress: inout Progress) -> ShardSplit? {
        guard let spec = options.shard, progress.coverage?.splitDepth == nil, spec.splits(depth: depth, width: range.count) else { return nil }
        progress.coverage?.splitDepth = depth
        progress.coverage?.levelWidth = range.count
        progress.coverage?.seeds = spec.seeds(width: range.count)
        return ShardSplit(level: range, spec: spec)
    }

    /// Takes what the workers found for the states of a level, in the order
    /// of the states, stopping where a search of one state at a time would
    /// have stopped: states of the next level are stored in the order that
    /// search would have met them. The level's new values get codes first,
    /// so the store is packed anew at most once a level.
    private func merge(_ chunks: inout [ExpandedChunk], level: Range<Int>, depth: Int, into store: inout StateStore, _ progress: inout Progress,
                       _ properties: inout [any Property<System>], finalState: inout MachineState, start: UInt64) {
        let before = store.codec
        for chunk in chunks {
            for change in chunk.changes { store.learn(change.value, at: Int(change.slot)) }
        }
        let plan = store.finishLearning(since: before)
        for number in chunks.indices { chunks[number].pack(for: store, movedBy: plan) }
        let stride = store.codec.strideWords
        var index = level.lowerBound
        for chunk in chunks {
            for expanded in chunk.states {
                if let shortest = progress.shortest, depth >= shortest { progress.stopped = true; return }
                if let limitReached = progress.limitReached, depth > limitReached.depth { progress.stopped = true; return }
                if let limit = options.maxStates, store.count >= limit {
                    progress.inconclusive = "state budget of \(limit) states exhausted after \(store.count) states"
                    progress.stopped = true
                    return
                }
                if index & 255 == 0, let reason = budgetExceeded(store: store, progress: progress, start: start) {
                    progress.inconclusive = reason
                    progress.stopped = true
                    return
                }
                if index % CheckOptions.progressInterval == 0, let observer = options.progress {
                    observer(SearchProgress(states: store.count, expanded: index, depth: depth, memoryBytes: store.byteCount + progress.byteCount))
                }
                progress.statistics.transitions += Int(expanded.successorCount)
                if expanded.violatingStep { progress.shortest = min(progress.shortest ?? .max, depth + 1) }
                for candidate in expanded.candidates where chunk.withCandidate(candidate, stride: stride, { store.insert($0, hash: $1).isNew }) {
                    progress.statistics.depth = max(progress.statistics.depth, depth + 1)
                }
                if let limit = expanded.limit, progress.limitReached == nil { progress.limitReached = (depth, limit) }
                switch expanded.terminal {
                case .none:
                    break
                case .final:
                    progress.statistics.finalStates += 1
                    store.load(index, into: &finalState)
                    let before = properties.lazy.compactMap(\.tally).first
                    for property in properties.indices { properties[property].observeFinal(finalState, of: system) }
                    if progress.coverage != nil, let before, let after = properties.lazy.compactMap(\.tally).first, after.considered > before.considered {
                        progress.coverage?.finalStates.append(FinalStateRecord(state: finalState,
                                                                               satisfies: after.satisfying > before.satisfying))
                    }
                case .stuck:
                    progress.shortest = min(progress.shortest ?? .max, depth)
                }
                index += 1
            }
            if let reason = chunk.cutShort {
                progress.inconclusive = reason
                progress.stopped = true
                return
            }
        }
    }

    /// Expands the states of a level: on the calling thread for one worker
    /// or a small level, else on `workers.count` threads that take chunks
    /// of the level in turn. The chunks come back in the order of the level.
    private func expandLevel(_ range: Range<Int>, store: StateStore, properties: [any Property<System>],
                             workers: inout [ExpansionScratch], split: ShardSplit?, start: UInt64) -> [ExpandedChunk] {
        let budget = { self.timeBudgetExceeded(start: start, states: store.count) }
        if workers.count == 1 || range.count < 256 {
            return [expand(range, of: store, properties: properties, scratch: &workers[0], split: split, budget: budget)]
        }
        let size = max(64, range.count / (workers.count * 16))
        let ranges = stride(from: range.lowerBound, to: range.upperBound, by: size).map { $0..<min($0 + size, range.upperBound) }
        var chunks = [ExpandedChunk](repeating: ExpandedChunk(stride: store.codec.strideWords), count: ranges.count)
        let next = Atomic<Int>(0)
        let shared = UncheckedShare((self, properties, store, budget, split))
        chunks.withUnsafeMutableBufferPointer { chunkBuffer in
            workers.withUnsafeMutableBufferPointer { workerBuffer in
                let buffers = UncheckedShare((chunkBuffer, workerBuffer))
                DispatchQueue.concurrentPerform(iterations: workerBuffer.count) { worker in
                    let (checker, properties, store, budget, split) = shared.value
                    while true {
                        let chunk = next.add(1, ordering: .relaxed).oldValue
                        guard chunk < ranges.count else { return }
                        buffers.value.0[chunk] = checker.expand(ranges[chunk], of: store, properties: properties,
                                                                scratch: &buffers.value.1[worker], split: split, budget: budget)
                    }
                }
            }
        }
        return chunks
    }

    private func result(_ outcome: CheckResult.Outcome, _ violation: Violation?, _ trace: Trace?, _ statistics: CheckStatistics,
                        _ properties: [any Property<System>], coverage: ShardCoverage? = nil) -> CheckResult {
        var checked = CheckResult(outcome, of: system, violation: violation, trace: trace, statistics: statistics, properties: properties)
        checked.shard = coverage
        return checked
    }

    private func finish(_ statistics: CheckStatistics, start: UInt64) -> CheckStatistics {
        var result = statistics
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if result.peakMemoryBytes == 0 { result.peakMemoryBytes = ProcessMemory.peakResidentBytes() }
        return result
    }

    /// Ctrl-C or the time limit, which workers also watch.
    private func timeBudgetExceeded(start: UInt64, states: Int) -> String? {
        if options.cancellation?.isRaised == true {
            return "interrupted after \(states) states"
        }
        if let limit = options.timeLimit {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if elapsed >= limit { return "time limit of \(limit) s reached after \(states) states" }
        }
        return nil
    }

    private func budgetExceeded(store: StateStore, progress: Progress, start: UInt64) -> String? {
        if let reason = timeBudgetExceeded(start: start, states: store.count) { return reason }
        if let limit = options.memoryLimitBytes, store.byteCount + progress.byteCount >= limit {
            let megabytes = (Double(limit) / 1_048_576 * 100).rounded() / 100
            return "memory limit of \(megabytes) MB reached after \(store.count) states"
        }
        return nil
    }
}

/// Hands values the workers only read (or write at disjoint indices) to
/// the threads of one level's expansion.
struct UncheckedShare<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
