import GraceFrontend
import GraceSemantics

extension GraphExpansion {
    mutating func handle(_ request: ThreadRequest, thread: Int, _ state: SearchState) {
        if let access = Self.access(of: request), let lifetime = context.lifetimeCell(guarding: access.cell) {
            checkLifetime(lifetime, of: access, request, thread: thread, state)
        } else {
            handleAccess(request, thread: thread, state)
        }
    }

    mutating func handleAccess(_ request: ThreadRequest, thread: Int, _ state: SearchState) {
        switch request {
        case .limitReached(let reason):
            limit = reason
        case .free(let object, let dependencies):
            free(object, dependencies, thread: thread, state)
        case .callRCU(let headCell, let head, let function, let dependencies):
            callRCU(headCell: headCell, head: head, function: function, dependencies, thread: thread, state)
        case .finished:
            finished(thread, state)
        case .violation(let violation):
            var next = state
            if next.violation == nil { next.violation = violation }
            emit(next)
        case .read(let cell, let tag, let bit, let dependencies):
            for source in sources(for: cell, thread: thread, state) {
                var (next, read) = addRead(Event(kind: .read, tag: tag, location: cell), dependencies, source, thread: thread, state)
                let value = source.value
                next.runners[thread].completeRead(bit.map { value & $0 != 0 ? 1 : 0 } ?? value, event: Int(read.index))
                continueIfCoherent(next, at: cell)
            }
        case .write(let cell, let value, let tag, let dependencies):
            var next = state
            touch(cell, &next)
            var event = Event(kind: .write, tag: tag, location: cell, value: value)
            event.set(dependencies)
            let write = next.append(event, to: thread)
            next.runners[thread].noteWrite(event: Int(write.index))
            for placed in placements(of: write, in: next, readingFrom: nil) { continueIfCoherent(placed, at: cell) }
        case .atomic(let atomic):
            self.atomic(atomic, thread: thread, state)
        case .fence(let tag, let cell, let dependencies):
            var next = state
            var event = Event.fence(tag, location: cell)
            event.controlDependencies = dependencies.control
            next.append(event, to: thread)
            emit(next)
        case .lock(let cell, let operation, let dependencies):
            lock(cell, operation, dependencies, thread: thread, state)
        case .choose(let count):
            for value in 0..<count {
                var next = state
                next.runners[thread].push(TaintedValue(Int64(value)))
                emit(next)
            }
        case .awaitIteration(let reads, let previous, let run):
            awaitIteration(reads, previous: previous, run: run, thread: thread, state)
        }
    }

    /// A finished thread keeps no more promises: those only it could have
    /// kept are broken.
    private mutating func finished(_ thread: Int, _ state: SearchState) {
        for promise in state.promises where promise.candidates.isEmpty {
            let event = state.graph[promise.read]
            guard canStillWrite(event.location!, event.value, excluding: Int(promise.read.thread), state) else { return }
        }
        // The last thread's end is the graph's: the full check comes with it.
        if state.runners.contains(where: { $0.status == .running }) {
            continueIfConsistent(state)
        } else {
            emit(state)
        }
    }

    private func canStillWrite(_ cell: Int, _ value: Int64, excluding thread: Int, _ state: SearchState) -> Bool {
        valuesStillWritten(to: cell, excluding: thread, state).contains(value)
    }

    /// The values threads other than `thread` may still write to `cell`:
    /// those of the running ones, and of the RCU callbacks a running
    /// thread may yet queue.
    func valuesStillWritten(to cell: Int, excluding thread: Int, _ state: SearchState) -> Set<Int64> {
        var values = Set<Int64>()
        for other in state.runners.indices where other != thread && state.runners[other].status == .running {
            values.formUnion(domains.values(writtenBy: other, at: cell) ?? [])
        }
        if domains.hasCallbacks, state.runners.contains(where: { $0.status == .running }) {
            values.formUnion(domains.values(writtenBy: program.threads.count, at: cell) ?? [])
        }
        return values
    }

    /// The writes a read of `cell` by `thread` can read: those in the graph
    /// (initial first, in coherence order, then those still floating), then
    /// each value another running thread may still write.
    func sources(for cell: Int, thread: Int, _ state: SearchState, accepting: (Int64) -> Bool = { _ in true }) -> [ReadSource] {
        var result: [ReadSource] = []
        let initial = state.graph.coherence[cell] == nil ? context.initialValue(of: cell) : state.graph.initialValue(at: cell)
        if accepting(initial) { result.append(.write(.initial(cell), initial)) }
        for write in state.graph.coherence[cell] ?? [] where accepting(state.graph[write].value) {
            result.append(.write(write, state.graph[write].value))
        }
        for write in state.floating.sorted() where state.graph[write].location == cell && accepting(state.graph[write].value) {
            result.append(.write(write, state.graph[write].value))
        }
        result += valuesStillWritten(to: cell, excluding: thread, state).filter(accepting).sorted().map { ReadSource.promise($0) }
        return result
    }

    /// Whether an RMW that writes already reads from `write`: a second one
    /// could not put its write right after it too (atomicity).
    func isTakenByRMW(_ write: EventID, in graph: ExecutionGraph) -> Bool {
        for events in graph.threads {
            for event in events where event.readsFrom == write && event.rmwPartner != nil && event.isRead { return true }
        }
        return false
    }

    /// Makes sure the graph has `cell`'s initial write.
    func touch(_ cell: Int, _ state: inout SearchState) {
        if state.graph.coherence[cell] == nil { state.graph.setInitialValue(context.initialValue(of: cell), at: cell) }
    }

    /// Adds a read reading from `source`.
    func addRead(_ event: Event, _ dependencies: EventDependencies, _ source: ReadSource, thread: Int,
                 _ state: SearchState) -> (SearchState, EventID) {
        var next = state
        touch(event.location!, &next)
        var read = event
        read.address(dependencies)
        read.readsFrom = source.write
        read.value = source.value
        let id = next.append(read, to: thread)
        if source.write == nil { next.promises.append(Promise(read: id)) }
        return (next, id)
    }

    /// Every way to place `write` (already appended to its thread) in its
    /// location's coherence order; it becomes a candidate for the promises
    /// of its value.
    /// The write of an RMW goes right after the write its read reads
    /// (atomicity); when that write is only promised, or itself waits for a
    /// place, the RMW's write floats until it is known.
    func placements(of write: EventID, in state: SearchState, readingFrom source: ReadSource?) -> [SearchState] {
        let event = state.graph[write]
        let cell = event.location!
        let order = state.graph.coherence[cell] ?? []
        var positions: [Int?]
        switch source {
        case nil:
            positions = Array(earliestPosition(of: write, in: state.graph, order: order)...order.count)
        case .write(let predecessor, _)?:
            if predecessor.isInitial {
                positions = [0]
            } else if let place = order.firstIndex(of: predecessor) {
                positions = [place + 1]
            } else {
                positions = [nil]
            }
        case .promise?:
            positions = [nil]
        }
        var result: [SearchState] = []
        for position in positions {
            var next = state
            for index in next.promises.indices {
                let promise = next.promises[index].read
                if promise.thread != write.thread && next.graph[promise].location == cell && next.graph[promise].value == event.value {
                    next.promises[index].candidates.append(write)
                }
            }
            if let position {
                next.graph.insertInCoherence(write, at: position)
                settle(&next, after: write)
            } else {
                next.floating.append(write)
            }
            result.append(next)
        }
        return result
    }

    /// Places the floating RMW writes whose reads read from `write`, now in
    /// coherence order, right after it (and theirs after them).
    func settle(_ state: inout SearchState, after write: EventID) {
        let cell = state.graph[write].location!
        let position = write.isInitial ? 0 : state.graph.coherence[cell]!.firstIndex(of: write)! + 1
        let ready = state.floating.filter { predecessor(of: $0, in: state.graph) == write }
        for floating in ready {
            state.floating.removeAll { $0 == floating }
            state.graph.insertInCoherence(floating, at: position)
            settle(&state, after: floating)
        }
    }

    /// The write a floating write goes right after: for an RMW's write, the
    /// write its read reads; for an unlock, its lock's write.
    func predecessor(of write: EventID, in graph: ExecutionGraph) -> EventID? {
        let event = graph[write]
        if let partner = event.rmwPartner { return graph[EventID(thread: Int(write.thread), index: partner)].readsFrom }
        return lockWrite(before: write, in: graph)
    }

    /// The lock-write an unlock releases: its thread's last one on the lock.
    func lockWrite(before unlock: EventID, in graph: ExecutionGraph) -> EventID? {
        let cell = graph[unlock].location
        for index in stride(from: Int(unlock.index) - 1, through: 0, by: -1) {
            let id = EventID(thread: Int(unlock.thread), index: index)
            if graph[id].tag == .lockWrite, graph[id].location == cell { return id }
        }
        return nil
    }

    /// Coherence forces a write after its thread's earlier writes to the same
    /// location and after the writes its thread's earlier reads read from.
    private func earliestPosition(of write: EventID, in graph: ExecutionGraph, order: [EventID]) -> Int {
        let cell = graph[write].location
        var earliest = 0
        for index in 0..<Int(write.index) {
            let id = EventID(thread: Int(write.thread), index: index)
            let event = graph[id]
            guard event.location == cell, event.kind != .fence else { continue }
            let predecessor = event.isWrite ? id : event.readsFrom
            if let predecessor, let position = order.firstIndex(of: predecessor) { earliest = max(earliest, position + 1) }
        }
        return earliest
    }
}
