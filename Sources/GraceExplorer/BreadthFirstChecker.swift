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

/// Exhaustive breadth-first search. The first violation is found at the
/// smallest depth, so its trace is a shortest one; among the shortest, the
/// search keeps the path with the fewest context switches.
public struct BreadthFirstChecker<Memory: MemoryModel> {
    let system: KernelSystem<Memory>
    let options: CheckOptions

    public init(system: KernelSystem<Memory>, options: CheckOptions) {
        self.system = system
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
        let kind = Memory.kind
        let (initial, initialOutcome) = system.initialState()
        switch initialOutcome {
        case .violation(let initialViolation):
            let trace = Trace(steps: [], violation: initialViolation, explanation: initialViolation.message)
            statistics.states = 1
            return CheckResult(outcome: .verdict(.violation(initialViolation.kind)), memoryModel: kind, violation: initialViolation,
                               trace: trace, statistics: finish(statistics, start: start), satisfyingFinalStates: 0, consideredFinalStates: 0)
        case .limitReached(let reason):
            statistics.states = 1
            return CheckResult(outcome: .inconclusive(reason: reason), memoryModel: kind, violation: nil, trace: nil,
                               statistics: finish(statistics, start: start), satisfyingFinalStates: 0, consideredFinalStates: 0)
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
        var satisfying = 0
        var considered = 0
        var index = 0
        var state = initial
        var inconclusive: String?
        let condition = system.program.condition
        let filter = system.program.filter
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
            let expansion = system.forEachSuccessor(of: state, scratch: &scratch) { _, successor, violation, _ in
                if violation != nil {
                    shortest = min(shortest ?? .max, depth + 1)
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
                    if let condition, filter.map({ system.evaluate($0, in: state) }) ?? true {
                        considered += 1
                        if system.evaluate(condition.proposition, in: state) { satisfying += 1 }
                    }
                } else {
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
            let trace = buildTrace(ordinals, store: store, violation: violation)
            return CheckResult(outcome: .verdict(.violation(violation.kind)), memoryModel: kind, violation: violation, trace: trace,
                               statistics: statistics, satisfyingFinalStates: satisfying, consideredFinalStates: considered)
        }
        if let reason = inconclusive ?? limitReached?.reason {
            return CheckResult(outcome: .inconclusive(reason: reason), memoryModel: kind, violation: nil, trace: nil,
                               statistics: statistics, satisfyingFinalStates: satisfying, consideredFinalStates: considered)
        }
        var verdict = Verdict.pass
        if condition != nil {
            verdict = satisfying == 0 ? .never : satisfying == considered ? .always : .sometimes
        }
        return CheckResult(outcome: .verdict(verdict), memoryModel: kind, violation: nil, trace: nil, statistics: statistics,
                           satisfyingFinalStates: satisfying, consideredFinalStates: considered)
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

    // MARK: Traces

    /// Among the counterexamples of the shortest length, the one with the
    /// fewest context switches. Which CPU ran last is not part of a state, so
    /// the search re-walks the layers of the breadth-first search over
    /// (state, last CPU) pairs, keeping the fewest switches for each; ties go
    /// to the first in a fixed order. Returns the successor ordinals from the
    /// initial state and the violation at the end.
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
                let expansion = system.forEachSuccessor(of: state, scratch: &scratch) { action, successor, violation, _ in
                    defer { ordinal += 1 }
                    let switches = entry.switches + (key.last >= 0 && key.last != action.cpu ? 1 : 0)
                    if let violation {
                        if depth + 1 == length, best.map({ switches < $0.switches }) ?? true {
                            best = (switches, key, depth, ordinal, violation)
                        }
                        return
                    }
                    guard depth + 1 <= length, let index = store.find(successor), Int(paths.depth[index]) == depth + 1 else { return }
                    let successorKey = PathKey(index: index, last: action.cpu)
                    if next[successorKey].map({ switches < $0.switches }) ?? true {
                        next[successorKey] = PathEntry(switches: switches, parent: key, ordinal: ordinal)
                    }
                }
                if depth == length, expansion.count == 0, expansion.limit == nil, !system.isFinal(state), best.map({ entry.switches < $0.switches }) ?? true {
                    best = (entry.switches, key, depth, nil, Violation(.deadlock, system.describeDeadlock(state)))
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

    /// Replays a path with logging on, step by step.
    private func buildTrace(_ ordinals: [Int], store: StateStore, violation: Violation) -> Trace {
        var steps: [Trace.Step] = []
        var state = store.state(0)
        var successors: [Successor] = []
        var linker = TraceLinker(layout: system.layout)
        for ordinal in ordinals {
            successors.removeAll(keepingCapacity: true)
            system.successors(of: state, into: &successors, logging: true)
            precondition(ordinal < successors.count, "[grace internal bug] a trace step could not be replayed: exploration is not deterministic")
            let successor = successors[ordinal]
            steps.append(makeStep(successor, number: steps.count + 1))
            linker.record(step: steps.count, action: successor.action, before: state, after: successor.state)
            state = successor.state
        }
        return Trace(steps: steps, violation: violation, explanation: TraceExplanation.explain(violation, steps: steps, program: system.program),
                     links: linker.links)
    }

    private func makeStep(_ successor: Successor, number: Int) -> Trace.Step {
        let log = successor.log ?? EventLog()
        let program = system.program
        let line = log.location?.line ?? 0
        let column = log.location?.column ?? 0
        let function = log.function.map { program.functions[$0].name } ?? "?"
        return Trace.Step(number: number, cpu: successor.action.cpu, context: ContextKind(rawValue: log.contextLevel) ?? .task,
                          function: function, line: line, column: column, sourceText: program.file.lineText(line).split(whereSeparator: \.isWhitespace).joined(separator: " "),
                          events: log.events)
    }
}
