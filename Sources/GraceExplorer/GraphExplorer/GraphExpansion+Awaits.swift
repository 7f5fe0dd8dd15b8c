import GraceSemantics

extension GraphExpansion {
    /// An await iteration: blocked when it reads the same writes as the one
    /// before it (it would repeat forever); when a read only promises its
    /// value, that is checked once the promise is kept. A run of iterations
    /// that each read something new is bounded by the writes that can exist.
    mutating func awaitIteration(_ reads: Range<Int>, previous: Range<Int>?, run: Int, thread: Int, _ state: SearchState) {
        var next = state
        let current = readIDs(reads, thread: thread, state.graph)
        if let previous {
            let before = readIDs(previous, thread: thread, state.graph)
            let sameShape = before.count == current.count && zip(before, current).allSatisfy { a, b in
                state.graph[a].location == state.graph[b].location && state.graph[a].value == state.graph[b].value
            }
            if sameShape {
                let bound = zip(before, current).allSatisfy { state.graph[$0].readsFrom != nil && state.graph[$1].readsFrom != nil }
                if bound {
                    if zip(before, current).allSatisfy({ state.graph[$0].readsFrom == state.graph[$1].readsFrom }) { return }
                } else {
                    next.distinctIterations.append((before, current))
                }
            }
        }
        let (limit, unbounded) = iterationLimit(current, thread: thread, state)
        if run > limit {
            if unbounded {
                self.limit = "an await loop of P\(thread) ran \(limit) times against a loop that writes without bound"
            }
            return
        }
        emit(next)
    }

    private func readIDs(_ range: Range<Int>, thread: Int, _ graph: ExecutionGraph) -> [EventID] {
        range.map { EventID(thread: thread, index: $0) }.filter { graph[$0].isRead }
    }

    /// Iterations that change nothing must each read some location's
    /// co-later write, so a run is at most about the writes the locations
    /// read can get; when a loop writes one of them without bound, a fixed
    /// limit, beyond which the exploration is inconclusive.
    private func iterationLimit(_ reads: [EventID], thread: Int, _ state: SearchState) -> (Int, unbounded: Bool) {
        var writes = 0
        var unbounded = false
        for cell in Set(reads.compactMap { state.graph[$0].location }) {
            writes += (state.graph.coherence[cell]?.count ?? 0) + 1
            for other in state.runners.indices where other != thread && state.runners[other].status == .running {
                if domains.writesWithoutBound(other, at: cell) { unbounded = true }
                writes += domains.maxWrites(by: other, at: cell) ?? 0
            }
        }
        return unbounded ? (Self.unboundedAwaitLimit, true) : (2 + 2 * writes, false)
    }

    static var unboundedAwaitLimit: Int { 64 }
}
