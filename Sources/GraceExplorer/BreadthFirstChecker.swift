import Dispatch
import GraceFrontend
import GraceSemantics

/// A state with the CPU that ran the step into it, for counting switches.
private struct PathKey: Hashable, Comparable {
    var index: Int
    var last: Int
    static func < (a: PathKey, b: PathKey) -> Bool { (a.index, a.last) < (b.index, b.last) }
}

private struct PathEntry {
    var switches: Int
    var parent: PathKey?
    var ordinal: Int
}

/// Exhaustive breadth-first search. The first counterexample is found at
/// the smallest depth, so its trace is a shortest one; among the shortest,
/// the search keeps the path with the fewest context switches. It reports
/// violating steps, stuck states and final states to the properties, which
/// decide the verdict, and leaves the trace to the transition system.
public struct BreadthFirstChecker<System: MachineTransitionSystem>: Checker {
    let system: System
    let properties: [any Property<System>]
    let options: CheckOptions

    public init(system: System, properties: [any Property<System>], options: CheckOptions) {
        self.system = system
        self.properties = properties
        self.options = options
    }

    /// The breadth-first depth of every stored state, indexed like the store;
    /// the trace search walks these layers again.
    private struct Paths {
        var depth: ContiguousArray<Int32> = []

        var byteCount: Int { depth.capacity * 4 }
    }

    public func run() -> CheckResult {
        ProcessMemory.resetPeak()
        let start = DispatchTime.now().uptimeNanoseconds
        var statistics = CheckStatistics()
        statistics.stateBytes = system.layout.totalWords * 8
        var properties = self.properties
        let (initial, initialOutcome) = system.initialState()
        switch initialOutcome {
        case .violation(let violation):
            statistics.states = 1
            if let counterexample = properties.counterexample(in: .violatingStep(violation), of: system) {
                return result(.verdict(.violation(counterexample.kind)), counterexample, system.trace(following: [], to: counterexample),
                              finish(statistics, start: start), properties)
            }
        case .limitReached(let reason):
            statistics.states = 1
            return result(.inconclusive(reason: reason), nil, nil, finish(statistics, start: start), properties)
        case .advanced, .blocked:
            break
        }
        var store = StateStore(layout: system.layout)
        var paths = Paths()
        _ = store.insert(initial)
        paths.depth.append(0)
        var scratch = initial
        var parentParts: [Int64] = []
        // The length of the shortest counterexample found so far.
        var shortest: Int?
        // The first limit of Grace a step ran into, and the depth of its state:
        // the search finishes that layer, for a violation no longer than the
        // unexplored step, and then ends inconclusive.
        var limitReached: (depth: Int, reason: String)?
        var index = 0
        var state = initial
        var inconclusive: String?
        while index < store.count {
            let depth = Int(paths.depth[index])
            if let shortest, depth >= shortest { break }
            if let limitReached, depth > limitReached.depth { break }
            if let limit = options.maxStates, store.count >= limit {
                inconclusive = "state budget of \(limit) states exhausted after \(store.count) states"
                break
            }
            if index & 255 == 0, let reason = budgetExceeded(store: store, paths: paths, start: start) {
                inconclusive = reason
                break
            }
            if index % CheckOptions.progressInterval == 0, let progress = options.progress {
                progress(SearchProgress(states: store.count, expanded: index, depth: depth, memoryBytes: store.byteCount + paths.byteCount))
            }
            store.load(index, into: &state, parts: &parentParts)
            let parent = (state: state, parts: parentParts)
            let expansion = system.forEachSuccessor(of: state, scratch: &scratch) { _, successor, violation in
                if let violation {
                    if properties.counterexample(in: .violatingStep(violation), of: system) != nil {
                        shortest = min(shortest ?? .max, depth + 1)
                    }
                    return
                }
                let (_, isNew) = store.insert(successor, near: parent)
                if isNew {
                    paths.depth.append(Int32(depth + 1))
                    statistics.depth = max(statistics.depth, depth + 1)
                }
            }
            statistics.transitions += expansion.count
            if let limit = expansion.limit, limitReached == nil { limitReached = (depth, limit) }
            if expansion.count == 0 && expansion.limit == nil {
                if system.isFinal(state) {
                    statistics.finalStates += 1
                    for property in properties.indices { properties[property].observeFinal(state, of: system) }
                } else if properties.counterexample(in: .stuck(state), of: system) != nil {
                    shortest = min(shortest ?? .max, depth)
                }
            }
            index += 1
        }
        statistics.states = store.count
        statistics.peakMemoryBytes = ProcessMemory.peakResidentBytes()
        statistics = finish(statistics, start: start)
        if let shortest {
            let (ordinals, violation) = fewestSwitchPath(length: shortest, store: store, paths: paths)
            return result(.verdict(.violation(violation.kind)), violation, system.trace(following: ordinals, to: violation), statistics, properties)
        }
        if let reason = inconclusive ?? limitReached?.reason {
            return result(.inconclusive(reason: reason), nil, nil, statistics, properties)
        }
        return result(.verdict(properties.lazy.compactMap(\.verdict).first ?? .pass), nil, nil, statistics, properties)
    }

    private func result(_ outcome: CheckResult.Outcome, _ violation: Violation?, _ trace: Trace?, _ statistics: CheckStatistics,
                        _ properties: [any Property<System>]) -> CheckResult {
        CheckResult(outcome, of: system, violation: violation, trace: trace, statistics: statistics, properties: properties)
    }

    private func finish(_ statistics: CheckStatistics, start: UInt64) -> CheckStatistics {
        var result = statistics
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if result.peakMemoryBytes == 0 { result.peakMemoryBytes = ProcessMemory.peakResidentBytes() }
        return result
    }

    private func budgetExceeded(store: StateStore, paths: Paths, start: UInt64) -> String? {
        if options.cancellation?.isRaised == true {
            return "interrupted after \(store.count) states"
        }
        if let limit = options.timeLimit {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if elapsed >= limit { return "time limit of \(limit) s reached after \(store.count) states" }
        }
        if let limit = options.memoryLimitBytes, store.byteCount + paths.byteCount >= limit {
            let megabytes = (Double(limit) / 1_048_576 * 100).rounded() / 100
            return "memory limit of \(megabytes) MB reached after \(store.count) states"
        }
        return nil
    }

    // MARK: The path to the counterexample

    /// Among the counterexamples of the shortest length, the one with the
    /// fewest context switches. Which CPU ran last is not part of a state, so
    /// the search re-walks the layers of the breadth-first search over
    /// (state, last CPU) pairs, keeping the fewest switches for each; ties go
    /// to the first in a fixed order. Returns the successor ordinals from the
    /// initial state and the counterexample at the end.
    private func fewestSwitchPath(length: Int, store: StateStore, paths: Paths) -> ([Int], Violation) {
        var layers: [[PathKey: PathEntry]] = [[PathKey(index: 0, last: -1): PathEntry(switches: 0, parent: nil, ordinal: 0)]]
        var best: (switches: Int, key: PathKey, depth: Int, ordinal: Int?, violation: Violation)?
        var state = store.state(0)
        var scratch = state
        var parts: [Int64] = []
        for depth in 0...length {
            var next: [PathKey: PathEntry] = [:]
            for key in layers[depth].keys.sorted() {
                let entry = layers[depth][key]!
                store.load(key.index, into: &state, parts: &parts)
                var ordinal = 0
                let expansion = system.forEachSuccessor(of: state, scratch: &scratch) { action, successor, violation in
                    defer { ordinal += 1 }
                    let cpu = system.cpu(of: action)
                    let switches = entry.switches + (key.last >= 0 && key.last != cpu ? 1 : 0)
                    if let violation {
                        if depth + 1 == length, best.map({ switches < $0.switches }) ?? true,
                           let counterexample = properties.counterexample(in: .violatingStep(violation), of: system) {
                            best = (switches, key, depth, ordinal, counterexample)
                        }
                        return
                    }
                    guard depth + 1 <= length, let index = store.find(successor), Int(paths.depth[index]) == depth + 1 else { return }
                    let successorKey = PathKey(index: index, last: cpu)
                    if next[successorKey].map({ switches < $0.switches }) ?? true {
                        next[successorKey] = PathEntry(switches: switches, parent: key, ordinal: ordinal)
                    }
                }
                if depth == length, expansion.count == 0, expansion.limit == nil, !system.isFinal(state), best.map({ entry.switches < $0.switches }) ?? true,
                   let counterexample = properties.counterexample(in: .stuck(state), of: system) {
                    best = (entry.switches, key, depth, nil, counterexample)
                }
            }
            if depth == length { break }
            layers.append(next)
        }
        guard let best else {
            preconditionFailure("[grace internal bug] the counterexample vanished on the second walk: exploration is not deterministic")
        }
        var ordinals: [Int] = best.ordinal.map { [$0] } ?? []
        var cursor = best.key
        var depth = best.depth
        while let entry = layers[depth][cursor], let parent = entry.parent {
            ordinals.append(entry.ordinal)
            cursor = parent
            depth -= 1
        }
        return (ordinals.reversed(), best.violation)
    }
}
