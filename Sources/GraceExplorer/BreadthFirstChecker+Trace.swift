import GraceSemantics

/// A state with the CPU that ran the step into it, for counting switches.
private struct PathKey: Hashable {
    var index: Int
    var last: Int
}

/// The best path found to a key: fewest switches, then least in the order
/// of choice indices from the initial state, which `rank` (the key's place
/// in its layer) and `ordinal` (the step from the parent) carry.
private struct PathEntry {
    var switches: Int
    var parent: PathKey?
    var parentRank: Int
    var ordinal: Int
}

/// A shortest counterexample as the order of choice indices sees it:
/// everything a shard needs to say which of two counterexamples of the
/// same length a single search would report.
public struct CounterexamplePath: Sendable, Hashable, Comparable {
    /// The successor ordinals from the initial state; for a violating step,
    /// the last one is that step.
    public var ordinals: [Int]
    public var switches: Int
    /// A state that can go nowhere, rather than a step that broke a property.
    public var isStuck: Bool

    public init(ordinals: [Int], switches: Int, isStuck: Bool) {
        self.ordinals = ordinals
        self.switches = switches
        self.isStuck = isStuck
    }

    /// Shorter first; then fewer switches; then a violating step before a
    /// stuck state; then the least choice indices, first step first.
    public static func < (a: CounterexamplePath, b: CounterexamplePath) -> Bool {
        if a.ordinals.count != b.ordinals.count { return a.ordinals.count < b.ordinals.count }
        if a.switches != b.switches { return a.switches < b.switches }
        if a.isStuck != b.isStuck { return !a.isStuck }
        return a.ordinals.lexicographicallyPrecedes(b.ordinals)
    }
}

extension BreadthFirstChecker {
    /// Among the counterexamples of the shortest length, the one with the
    /// fewest context switches, and among those the least in the order of
    /// choice indices. Which CPU ran last is not part of a state, so the
    /// search re-walks the layers of the breadth-first search over (state,
    /// last CPU) pairs, keeping for each the best path to it. The order
    /// depends on nothing but the paths themselves, not on where a search
    /// stored their states, so shards of a search that each see part of the
    /// paths agree with the search that sees them all.
    func fewestSwitchPath(length: Int, store: StateStore, levels: [Int]) -> (CounterexamplePath, Violation) {
        var layers: [[PathKey: PathEntry]] = [[PathKey(index: 0, last: -1): PathEntry(switches: 0, parent: nil, parentRank: 0, ordinal: 0)]]
        var best: (switches: Int, key: PathKey, depth: Int, ordinal: Int?, violation: Violation)?
        var state = store.state(0)
        var scratch = state
        for depth in 0...length {
            var next: [PathKey: PathEntry] = [:]
            let ranked = layers[depth].sorted { ($0.value.parentRank, $0.value.ordinal) < ($1.value.parentRank, $1.value.ordinal) }
            for (rank, (key, entry)) in ranked.enumerated() {
                store.load(key.index, into: &state)
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
                    guard depth + 1 <= length, let index = store.find(successor), levels[depth + 1] <= index,
                          depth + 2 >= levels.count || index < levels[depth + 2] else { return }
                    let successorKey = PathKey(index: index, last: cpu)
                    if next[successorKey].map({ switches < $0.switches }) ?? true {
                        next[successorKey] = PathEntry(switches: switches, parent: key, parentRank: rank, ordinal: ordinal)
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
        return (CounterexamplePath(ordinals: ordinals.reversed(), switches: best.switches, isStuck: best.ordinal == nil), best.violation)
    }
}

extension BreadthFirstChecker {
    /// The counterexample at the end of `path` and its trace, from walking
    /// the path's steps again: how `grace merge` shows the counterexample a
    /// shard found. Nil when the path does not end in a counterexample.
    func counterexample(following path: CounterexamplePath) -> (Violation, Trace)? {
        var (state, outcome) = system.initialState()
        if path.ordinals.isEmpty && !path.isStuck {
            guard case .violation(let violation) = outcome,
                  let counterexample = properties.counterexample(in: .violatingStep(violation), of: system) else { return nil }
            return (counterexample, system.trace(following: [], to: counterexample))
        }
        var scratch = state
        for (position, wanted) in path.ordinals.enumerated() {
            var ordinal = 0
            var next: MachineState?
            var broken: Violation?
            _ = system.forEachSuccessor(of: state, scratch: &scratch) { _, successor, violation in
                defer { ordinal += 1 }
                guard ordinal == wanted else { return }
                if let violation { broken = violation } else { next = successor }
            }
            if position == path.ordinals.count - 1 && !path.isStuck {
                guard let broken, let counterexample = properties.counterexample(in: .violatingStep(broken), of: system) else { return nil }
                return (counterexample, system.trace(following: path.ordinals, to: counterexample))
            }
            guard let next else { return nil }
            state = next
        }
        let expansion = system.forEachSuccessor(of: state, scratch: &scratch) { _, _, _ in }
        guard expansion.count == 0, expansion.limit == nil, !system.isFinal(state),
              let counterexample = properties.counterexample(in: .stuck(state), of: system) else { return nil }
        return (counterexample, system.trace(following: path.ordinals, to: counterexample))
    }
}
