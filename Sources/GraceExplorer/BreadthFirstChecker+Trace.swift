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

extension BreadthFirstChecker {
    /// Among the counterexamples of the shortest length, the one with the
    /// fewest context switches. Which CPU ran last is not part of a state, so
    /// the search re-walks the layers of the breadth-first search over
    /// (state, last CPU) pairs, keeping the fewest switches for each; ties go
    /// to the first in a fixed order. Returns the successor ordinals from the
    /// initial state and the counterexample at the end.
    func fewestSwitchPath(length: Int, store: StateStore, levels: [Int]) -> ([Int], Violation) {
        var layers: [[PathKey: PathEntry]] = [[PathKey(index: 0, last: -1): PathEntry(switches: 0, parent: nil, ordinal: 0)]]
        var best: (switches: Int, key: PathKey, depth: Int, ordinal: Int?, violation: Violation)?
        var state = store.state(0)
        var scratch = state
        for depth in 0...length {
            var next: [PathKey: PathEntry] = [:]
            for key in layers[depth].keys.sorted() {
                let entry = layers[depth][key]!
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
