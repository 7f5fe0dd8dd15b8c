import GraceFrontend
import GraceSemantics

extension GraphExplorer {
    /// An RMW as linux-kernel.def and herd-representation.txt make it: its
    /// read and write, bracketed by `F[mb]` when fully ordered; a failed
    /// conditional RMW is its read alone, unordered.
    mutating func atomic(_ request: AtomicRequest, thread: Int, _ state: SearchState) {
        for source in sources(for: request.cell, thread: thread, state) {
            let (written, returned) = request.outcome(reading: source.value)
            if written != nil, let write = source.write, isTakenByRMW(write, in: state.graph) { continue }
            let ordered = request.ordering == .full && written != nil
            var next = state
            if ordered { appendFence(.mb, request.dependencies, thread: thread, &next) }
            var readTag = EventTag.once
            if written != nil {
                if request.ordering == .acquire { readTag = .acquire }
                if request.returnsNothing && request.ordering != .full && request.ordering != .acquire { readTag = .noreturn }
            }
            var read: EventID
            (next, read) = addRead(Event(kind: .read, tag: readTag, location: request.cell, isAtomicInstruction: true),
                                   request.dependencies, source, thread: thread, next)
            if let returned { next.runners[thread].completeRead(returned, event: Int(read.index)) }
            guard let written else {
                continueIfCoherent(next, at: request.cell)
                continue
            }
            var event = Event(kind: .write, tag: request.ordering == .release ? .release : .once, location: request.cell, value: written,
                              rmwPartner: Int(read.index), isAtomicInstruction: true)
            event.set(request.dependencies)
            let write = next.append(event, to: thread)
            next.graph[read].rmwPartner = Int(write.index)
            next.runners[thread].noteWrite(event: Int(write.index))
            for var placed in placements(of: write, in: next, readingFrom: source) {
                if ordered { appendFence(.mb, request.dependencies, thread: thread, &placed) }
                continueIfCoherent(placed, at: request.cell)
            }
        }
    }

    private func appendFence(_ tag: EventTag, _ dependencies: EventDependencies, thread: Int, _ state: inout SearchState) {
        var fence = Event.fence(tag)
        fence.controlDependencies = dependencies.control
        state.append(fence, to: thread)
    }

    /// Spinlocks as lock.cat has them: spin_lock reads 0 (from the initial
    /// write or an unlock) and writes 1 in one RMW (LKR, LKW); spin_unlock
    /// writes 0 (UL); a trylock that reads 1 fails (LF); spin_is_locked
    /// reads (RL when it sees 1, RU when it sees 0).
    mutating func lock(_ cell: Int, _ operation: LockOperation, _ dependencies: EventDependencies, thread: Int, _ state: SearchState) {
        switch operation {
        case .lock, .tryLock:
            let accepting: (Int64) -> Bool = operation == .lock ? { $0 == 0 } : { _ in true }
            for source in sources(for: cell, thread: thread, state, accepting: accepting) {
                guard source.value == 0 else {
                    var (next, read) = addRead(Event(kind: .read, tag: .lockFail, location: cell), dependencies, source, thread: thread, state)
                    next.runners[thread].completeRead(0, event: Int(read.index))
                    continueIfCoherent(next, at: cell)
                    continue
                }
                if let write = source.write, isTakenByRMW(write, in: state.graph) { continue }
                var (next, read) = addRead(Event(kind: .read, tag: .lockRead, location: cell), dependencies, source, thread: thread, state)
                var event = Event(kind: .write, tag: .lockWrite, location: cell, value: 1, rmwPartner: Int(read.index))
                event.set(dependencies)
                let write = next.append(event, to: thread)
                next.graph[read].rmwPartner = Int(write.index)
                next.runners[thread].noteWrite(event: Int(write.index))
                next.runners[thread].acquire(cell)
                if operation == .tryLock { next.runners[thread].completeRead(1, event: Int(read.index)) }
                for placed in placements(of: write, in: next, readingFrom: source) { continueIfCoherent(placed, at: cell) }
            }
        case .unlock:
            var next = state
            guard next.runners[thread].release(cell) else {
                let holder = next.runners.firstIndex { $0.heldLocks.contains(cell) }.map { "it is held by P\($0)" } ?? "it is not held"
                next.runners[thread].stop()
                if next.violation == nil {
                    next.violation = Violation(.unlockUnheld, "unlock of \(context.symbols.cell(cell)), but \(holder)")
                }
                explore(next)
                return
            }
            touch(cell, &next)
            var event = Event(kind: .write, tag: .unlock, location: cell, value: 0)
            event.set(dependencies)
            let write = next.append(event, to: thread)
            next.runners[thread].noteWrite(event: Int(write.index))
            // An unlock's write comes right after its lock's: nothing can come
            // between them without a second lock-write reading the held lock.
            let lock = lockWrite(before: write, in: next.graph).map { ReadSource.write($0, 1) }
            for placed in placements(of: write, in: next, readingFrom: lock) { continueIfCoherent(placed, at: cell) }
        case .isLocked:
            for source in sources(for: cell, thread: thread, state) {
                let locked = source.value != 0
                var (next, read) = addRead(Event(kind: .read, tag: locked ? .readLocked : .readUnlocked, location: cell),
                                           dependencies, source, thread: thread, state)
                next.runners[thread].completeRead(locked ? 1 : 0, event: Int(read.index))
                continueIfCoherent(next, at: cell)
            }
        default:
            preconditionFailure("[grace internal bug] \(operation) reached the graph explorer")
        }
    }

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
                result.inconclusive = "an await loop of P\(thread) ran \(limit) times against a loop that writes without bound"
                stopExploring()
            }
            return
        }
        explore(next)
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
                if domains.unboundedCells[other].contains(cell) { unbounded = true }
                writes += domains.maxWrites[other][cell] ?? 0
            }
        }
        return unbounded ? (Self.unboundedAwaitLimit, true) : (2 + 2 * writes, false)
    }

    static var unboundedAwaitLimit: Int { 64 }
}
