import Dispatch
import GraceFrontend
import GraceSemantics

/// Exhaustive depth-first search without a visited set, for systems that
/// reach each state by one path only (the execution graphs of
/// `ExecutionGraphSystem`): it keeps one path, not the states behind it.
/// The first counterexample it meets ends the search; it need not be the
/// shortest. Like every checker it reports violating steps, stuck states
/// and final states to the properties, which decide the verdict.
public struct DepthFirstChecker<System: TransitionSystem>: Checker {
    let system: System
    let properties: [any Property<System>]
    let options: CheckOptions
    /// When the check began: the system's preparation counts against the
    /// time limit too.
    let deadline: SearchDeadline

    public init(system: System, properties: [any Property<System>], options: CheckOptions) {
        self.init(system: system, properties: properties, options: options, deadline: SearchDeadline(options))
    }

    public init(system: System, properties: [any Property<System>], options: CheckOptions, deadline: SearchDeadline) {
        self.system = system
        self.properties = properties
        self.options = options
        self.deadline = deadline
    }

    /// A state still to expand, the depth of its path and its ordinal among
    /// its parent's successors.
    private struct Pending {
        var state: System.State
        var depth: Int
        var ordinal: Int
    }

    /// The peak memory reported is the process's so far: resetting the
    /// kernel's count costs more than exploring a typical litmus test.
    public func run() -> CheckResult {
        let start = DispatchTime.now().uptimeNanoseconds
        var statistics = CheckStatistics()
        var properties = self.properties
        let (initial, initialOutcome) = system.initialState()
        switch initialOutcome {
        case .violation(let violation):
            statistics.states = 1
            if let counterexample = properties.counterexample(in: .violatingStep(violation), of: system) {
                return CheckResult(.verdict(.violation(counterexample.kind)), of: system, violation: counterexample,
                                   trace: system.trace(following: [], to: counterexample), statistics: finish(statistics, start: start),
                                   properties: properties)
            }
        case .limitReached(let reason):
            statistics.states = 1
            return CheckResult(.inconclusive(reason: reason), of: system, violation: nil, trace: nil, statistics: finish(statistics, start: start),
                               properties: properties)
        case .advanced, .blocked:
            break
        }
        var pending = [Pending(state: initial, depth: 0, ordinal: 0)]
        var path: [Int] = []
        var scratch = initial
        var inconclusive: String?
        var found: (ordinals: [Int], violation: Violation)?
        search: while let next = pending.popLast() {
            path.removeLast(path.count - max(0, next.depth - 1))
            if next.depth > 0 { path.append(next.ordinal) }
            statistics.states += 1
            statistics.depth = max(statistics.depth, next.depth)
            if let limit = options.maxStates, statistics.states > limit {
                inconclusive = "state budget of \(limit) states exhausted"
                break
            }
            // Polled at every state: one expansion of a large graph can take long.
            if let reason = deadline.exceeded(after: "\(statistics.states) states") {
                inconclusive = reason
                break
            }
            if statistics.states & 1023 == 0 {
                options.progress?(SearchProgress(states: statistics.states, expanded: statistics.states, depth: next.depth, memoryBytes: 0))
            }
            var children: [Pending] = []
            let expansion = system.forEachSuccessor(of: next.state, scratch: &scratch) { _, successor, violation in
                let ordinal = children.count
                if let violation {
                    if found == nil, let counterexample = properties.counterexample(in: .violatingStep(violation), of: system) {
                        found = (path + [ordinal], counterexample)
                    }
                    // A violating step leads nowhere the search goes on from.
                    children.append(Pending(state: successor, depth: -1, ordinal: ordinal))
                    return
                }
                children.append(Pending(state: successor, depth: next.depth + 1, ordinal: ordinal))
            }
            statistics.transitions += expansion.count
            if found != nil { break search }
            if let limit = expansion.limit {
                inconclusive = limit
                break
            }
            if expansion.count == 0 {
                if system.isFinal(next.state) {
                    statistics.finalStates += 1
                    for property in properties.indices { properties[property].observeFinal(next.state, of: system) }
                } else if let counterexample = properties.counterexample(in: .stuck(next.state), of: system) {
                    found = (path, counterexample)
                    break
                }
            }
            pending += children.filter { $0.depth >= 0 }.reversed()
        }
        statistics.peakMemoryBytes = ProcessMemory.peakResidentBytes()
        statistics = finish(statistics, start: start)
        if let found {
            return CheckResult(.verdict(.violation(found.violation.kind)), of: system, violation: found.violation,
                               trace: system.trace(following: found.ordinals, to: found.violation), statistics: statistics, properties: properties)
        }
        if let inconclusive {
            return CheckResult(.inconclusive(reason: inconclusive), of: system, violation: nil, trace: nil, statistics: statistics, properties: properties)
        }
        return CheckResult(.verdict(properties.lazy.compactMap(\.verdict).first ?? .pass), of: system, violation: nil, trace: nil,
                           statistics: statistics, properties: properties)
    }

    private func finish(_ statistics: CheckStatistics, start: UInt64) -> CheckStatistics {
        var result = statistics
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return result
    }
}
