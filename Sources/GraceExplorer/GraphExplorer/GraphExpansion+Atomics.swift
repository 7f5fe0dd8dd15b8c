import GraceFrontend
import GraceSemantics

extension GraphExpansion {
    /// One way an RMW can go: the state after it, the value it read, and its
    /// read and write events (no write when a conditional RMW failed).
    struct RMWOutcome {
        var state: SearchState
        var old: Int64
        var read: EventID
        var write: EventID?
    }

    /// An RMW as linux-kernel.def and herd-representation.txt make it: its
    /// read and write, bracketed by `F[mb]` when fully ordered; a failed
    /// conditional RMW is its read alone, unordered.
    mutating func atomic(_ request: AtomicRequest, thread: Int, _ state: SearchState) {
        for outcome in rmw(request, thread: thread, state) {
            var next = outcome.state
            if let returned = request.outcome(reading: outcome.old).returned {
                next.runners[thread].completeRead(returned, event: Int(outcome.read.index))
            }
            emit(next)
        }
    }

    /// Every coherent way to run `request`, the thread's result not pushed.
    func rmw(_ request: AtomicRequest, thread: Int, _ state: SearchState) -> [RMWOutcome] {
        var outcomes: [RMWOutcome] = []
        for source in sources(for: request.cell, thread: thread, state) {
            let (written, _) = request.outcome(reading: source.value)
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
            guard let written else {
                if LocationCoherence.holds(at: request.cell, in: next.graph) { outcomes.append(RMWOutcome(state: next, old: source.value, read: read)) }
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
                guard LocationCoherence.holds(at: request.cell, in: placed.graph) else { continue }
                outcomes.append(RMWOutcome(state: placed, old: source.value, read: read, write: write))
            }
        }
        return outcomes
    }

    func appendFence(_ tag: EventTag, _ dependencies: EventDependencies, thread: Int, _ state: inout SearchState) {
        var fence = Event.fence(tag)
        fence.controlDependencies = dependencies.control
        state.append(fence, to: thread)
    }
}
