import GraceFrontend
import GraceSemantics

/// Object lifetimes as memory (SPEC 2.3, MemoryModels.md): each object has
/// a lifetime location, allocated (1) from the start for a declared object.
/// A free is a plain write of 0 there; every access to a page's contents
/// first reads it, with the access's own ordering class (plain for a plain
/// access, else once) and dependencies: the read stands for the access's
/// touching memory the free invalidates. An access that reads the freed
/// state, or whose lifetime read races with the free under LKMM's
/// data-race rule, is a use-after-free: grace periods, locks, barriers and
/// dependencies order an access before a free exactly as LKMM orders
/// accesses before a plain write.
extension GraphExpansion {
    /// The cell a request accesses, with what the access is called.
    static func access(of request: ThreadRequest) -> Access? {
        switch request {
        case .read(let cell, let tag, _, let dependencies): return Access(cell: cell, name: "read", tag: tag, dependencies: dependencies)
        case .write(let cell, _, let tag, let dependencies): return Access(cell: cell, name: "write", tag: tag, dependencies: dependencies)
        case .atomic(let atomic): return Access(cell: atomic.cell, name: "update", tag: .once, dependencies: atomic.dependencies)
        default: return nil
        }
    }

    /// An access a lifetime guards: its cell, what it is called, and the
    /// class and dependencies its lifetime read takes.
    struct Access {
        var cell: Int
        var name: String
        var tag: EventTag
        var dependencies: EventDependencies
    }

    /// Reads the lifetime guarding the request's cell, then runs the
    /// request in each successor whose page is still allocated.
    mutating func checkLifetime(_ lifetime: Int, of access: Access, _ request: ThreadRequest, thread: Int, _ state: SearchState) {
        let object = context.lifetimeObject(of: lifetime)!
        let tag: EventTag = access.tag == .plain ? .plain : .once
        for source in sources(for: lifetime, thread: thread, state) {
            var (next, _) = addRead(Event(kind: .read, tag: tag, location: lifetime), access.dependencies, source, thread: thread, state)
            guard LocationCoherence.holds(at: lifetime, in: next.graph) else { continue }
            // The thread goes on after reading the freed state: the rest of
            // its events (the end of its RCU reader, say) may make the
            // execution inconsistent, and only a consistent one reports.
            if source.value != RunnerContext.alive, next.violation == nil {
                var violation = Violation(.useAfterFree, "\(access.name) of \(context.cellName(access.cell)) after \(program.objects[object].name) was freed",
                                          object: object)
                violation.location = next.runners[thread].origin?.location
                violation.function = next.runners[thread].origin.map { program.functions[$0.function].name }
                next.violation = violation
            }
            handleAccess(request, thread: thread, next)
        }
    }

    /// `__free_page` and its kin, as free_pages() runs them, in the order
    /// the state explorer checks them: the lifetime read (freeing a freed
    /// page is a double free); a fully ordered decrement of `_refcount`
    /// (put_page_testzero); with the last reference, a read of the flags
    /// (free_pages_check: PG_active and the other check-at-free flags must
    /// be clear; a once read, as PageActive is: page flags change only by
    /// atomic bit operations) and of the page's rcu_head mark (a page freed
    /// while its head is queued has its callback run through freed memory),
    /// then the free's write.
    mutating func free(_ object: Int, _ dependencies: EventDependencies, thread: Int, _ state: SearchState) {
        let info = program.objects[object]
        let lifetime = context.lifetimeCell(of: object)
        for source in sources(for: lifetime, thread: thread, state) {
            var (next, _) = addRead(Event(kind: .read, tag: .plain, location: lifetime), dependencies, source, thread: thread, state)
            guard LocationCoherence.holds(at: lifetime, in: next.graph) else { continue }
            guard source.value == RunnerContext.alive else {
                stop(thread, Violation(.doubleFree, "double free of \(info.name): it is already free", object: object), &next)
                emit(next)
                continue
            }
            dropReference(object, dependencies, thread: thread, next)
        }
    }

    private mutating func dropReference(_ object: Int, _ dependencies: EventDependencies, thread: Int, _ state: SearchState) {
        let info = program.objects[object]
        let put = AtomicRequest(cell: info.base + KernelStructs.Page.refcount, update: .addUnless(addend: -1, unless: 0), ordering: .full,
                                format: .int, dependencies: dependencies)
        for outcome in rmw(put, thread: thread, state) {
            var next = outcome.state
            guard outcome.old > 0 else {
                // A count dropped to 0 by another free under way is a double
                // free (the state explorer's free is one step, after which
                // the page is free); one the model's code dropped is a bug.
                let source = next.graph[outcome.read].readsFrom
                let violation = source.map { isFreeDecrement($0, of: object, in: next.graph) } == true
                    ? Violation(.doubleFree, "double free of \(info.name): another free already dropped its last reference", object: object)
                    : Violation(.bug, "freeing \(info.name) whose _refcount is \(outcome.old)", object: object)
                stop(thread, violation, &next)
                emit(next)
                continue
            }
            guard outcome.old == 1 else {
                emit(next)
                continue
            }
            let flags = info.base + KernelStructs.Page.flags
            for source in sources(for: flags, thread: thread, next) {
                var (checked, _) = addRead(Event(kind: .read, tag: .once, location: flags), EventDependencies(), source, thread: thread, next)
                guard LocationCoherence.holds(at: flags, in: checked.graph) else { continue }
                let bad = PageFlag.checkedAtFree.filter { source.value & $0.mask != 0 }
                guard bad.isEmpty else {
                    let names = bad.map(\.constantName).joined(separator: ", ")
                    stop(thread, Violation(.badPageState, "BUG: Bad page state: \(info.name) freed with \(names) set", object: object), &checked)
                    emit(checked)
                    continue
                }
                checkUnqueued(object, heads: rcuHeadMarks(of: object), thread: thread, checked)
            }
        }
    }

    /// Whether `write` is the decrement of a free of `object`: its thread's
    /// events `free` made, the lifetime read, the barrier and the RMW's read,
    /// come right before it.
    private func isFreeDecrement(_ write: EventID, of object: Int, in graph: ExecutionGraph) -> Bool {
        guard !write.isInitial, write.index >= 3 else { return false }
        let lifetimeRead = graph[EventID(thread: Int(write.thread), index: Int(write.index) - 3)]
        return lifetimeRead.isRead && lifetimeRead.location == context.lifetimeCell(of: object)
    }

    /// The queued marks of the rcu_heads inside an object.
    private func rcuHeadMarks(of object: Int) -> [Int] {
        let info = program.objects[object]
        return program.rcuHeadCells.filter { $0 >= info.base && $0 < info.base + info.size }.map { $0 + KernelStructs.RCUHead.next }
    }

    /// Reads each rcu_head mark of the object being freed, then frees it.
    private mutating func checkUnqueued(_ object: Int, heads: [Int], thread: Int, _ state: SearchState) {
        guard let mark = heads.first else {
            endLifetime(object, thread: thread, state)
            return
        }
        for source in sources(for: mark, thread: thread, state) {
            var (next, _) = addRead(Event(kind: .read, tag: .once, location: mark), EventDependencies(), source, thread: thread, state)
            guard LocationCoherence.holds(at: mark, in: next.graph) else { continue }
            guard source.value != ValueEncoding.rcuQueuedMarker else {
                let name = program.objects[object].name
                stop(thread, Violation(.useAfterFree, "\(name) is freed while its rcu_head is queued by call_rcu: the RCU core will run its callback through freed memory",
                                       object: object), &next)
                emit(next)
                continue
            }
            checkUnqueued(object, heads: Array(heads.dropFirst()), thread: thread, next)
        }
    }

    private mutating func endLifetime(_ object: Int, thread: Int, _ state: SearchState) {
        let lifetime = context.lifetimeCell(of: object)
        var next = state
        let write = next.append(Event(kind: .write, tag: .plain, location: lifetime, value: 0), to: thread)
        next.runners[thread].noteWrite(event: Int(write.index))
        for placed in placements(of: write, in: next, readingFrom: nil) { continueIfCoherent(placed, at: lifetime) }
    }

    /// Ends `thread` with `violation`, located where the thread stands.
    func stop(_ thread: Int, _ violation: Violation, _ state: inout SearchState) {
        var located = violation
        if let origin = state.runners[thread].origin {
            located.location = origin.location
            located.function = program.functions[origin.function].name
        }
        state.runners[thread].stop()
        if state.violation == nil { state.violation = located }
    }

    /// The message of a use-after-free LKMM's data-race rule finds: an
    /// access's lifetime read and the free's write that race.
    func raceViolation(_ race: (EventID, EventID), in graph: ExecutionGraph) -> Violation {
        let (first, second) = race
        let free = graph[first].isWrite ? first : second
        let access = free == first ? second : first
        let object = context.lifetimeObject(of: graph[free].location!)!
        let name = program.objects[object].name
        let accessEvent = EventID(thread: Int(access.thread), index: Int(access.index) + 1)
        let accessed = Int(accessEvent.index) < graph.threads[Int(access.thread)].count ? graph[accessEvent].location.map(context.cellName) : nil
        let what = accessed.map { "the access of \($0)" } ?? "an access of \(name)"
        let line = graph[access].source.map { " at line \($0.line)" } ?? ""
        let freeLine = graph[free].source.map { " at line \($0.line)" } ?? ""
        let message = "\(what)\(line) races with the free of \(name)\(freeLine): nothing orders it before the free"
        var violation = Violation(.useAfterFree, message, object: object)
        violation.location = graph[access].source
        violation.function = graph[access].function.map { program.functions[$0].name }
        return violation
    }
}
