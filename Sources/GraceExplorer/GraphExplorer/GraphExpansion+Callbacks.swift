import GraceFrontend
import GraceSemantics

/// `call_rcu` (SPEC 2.4, 2.7): a grace period, then the callback. The
/// callback is a thread of its own, on the queuing CPU, created by the
/// call_rcu event: call_rcu marks the rcu_head queued with one release RMW
/// of its `next` word (a head it finds still marked is queued twice:
/// rcu-head-reuse); the callback's first event is an acquire read of that
/// mark, reading from that very write, so every store po-before call_rcu
/// happens before the callback; then comes a grace period (a
/// synchronize_rcu fence: every read-side critical section that overlaps
/// it ends before the callback's events, by LKMM's rcu axiom), then the
/// dequeue (a write of 0 to the mark, after which the head may be queued
/// again, from the callback itself too), then the callback's code.
extension GraphExpansion {
    mutating func callRCU(headCell: Int, head: Int64, function: Int, _ dependencies: EventDependencies, thread: Int, _ state: SearchState) {
        let mark = headCell + KernelStructs.RCUHead.next
        let queue = AtomicRequest(cell: mark, update: .exchange(ValueEncoding.rcuQueuedMarker), ordering: .release, format: .long,
                                  dependencies: dependencies)
        for outcome in rmw(queue, thread: thread, state) {
            var next = outcome.state
            guard outcome.old != ValueEncoding.rcuQueuedMarker, let write = outcome.write else {
                let name = context.symbols.value(head, pointee: .aggregate(TypeTable.rcuHead))
                stop(thread, Violation(.rcuHeadReuse, "call_rcu on \(name), which is still queued: the RCU callback list is corrupted",
                                       object: ValueEncoding.object(of: head)), &next)
                emit(next)
                continue
            }
            let callback = next.graph.addThread()
            var runner = ThreadRunner(thread: callback, cpu: next.runners[thread].cpu, level: .softirq, function: function, locals: [head], program: program)
            runner.queuedBy = write
            next.runners.append(runner)
            emit(next)
        }
    }

    /// The start of a callback thread: its read of the queued mark, the
    /// grace period and the dequeue, before its code runs.
    mutating func startCallback(_ thread: Int, queuedBy write: EventID, _ state: SearchState) {
        var next = state
        next.runners[thread].queuedBy = nil
        let queued = next.graph[write]
        let mark = queued.location!
        var read = Event(kind: .read, tag: .acquire, location: mark, value: queued.value, readsFrom: write)
        read.function = next.runners[thread].entryFunction
        read.source = program.functions[next.runners[thread].entryFunction].location
        next.graph.append(read, to: thread)
        var gracePeriod = Event.fence(.syncRCU)
        gracePeriod.function = read.function
        gracePeriod.source = read.source
        next.graph.append(gracePeriod, to: thread)
        next.runners[thread].nextEvent = next.graph.threads[thread].count
        guard let object = context.symbols.object(ofCell: mark), let lifetime = context.lifetimeCell(guarding: mark, inMetadata: true) else {
            dequeue(mark, thread: thread, next)
            return
        }
        // The RCU core reaches the callback through the head: a head in a
        // page freed meanwhile is a use-after-free.
        for source in sources(for: lifetime, thread: thread, next) {
            var (checked, check) = addRead(Event(kind: .read, tag: .once, location: lifetime), EventDependencies(), source, thread: thread, next)
            checked.graph[check].function = read.function
            checked.graph[check].source = read.source
            guard LocationCoherence.holds(at: lifetime, in: checked.graph) else { continue }
            if source.value != RunnerContext.alive, checked.violation == nil {
                var violation = Violation(.useAfterFree, "\(program.objects[object].name) was freed while its rcu_head was queued by call_rcu: the RCU core runs its callback through freed memory",
                                          object: object)
                violation.location = read.source
                violation.function = program.functions[checked.runners[thread].entryFunction].name
                checked.violation = violation
            }
            dequeue(mark, thread: thread, checked)
        }
    }

    /// Takes the callback off the queue: its mark back to 0.
    private mutating func dequeue(_ mark: Int, thread: Int, _ state: SearchState) {
        var next = state
        let function = next.runners[thread].entryFunction
        var event = Event(kind: .write, tag: .once, location: mark, value: 0)
        event.function = function
        event.source = program.functions[function].location
        let id = next.graph.append(event, to: thread)
        next.runners[thread].nextEvent = next.graph.threads[thread].count
        next.runners[thread].noteWrite(event: Int(id.index))
        for placed in placements(of: id, in: next, readingFrom: nil) { continueIfCoherent(placed, at: mark) }
    }
}
