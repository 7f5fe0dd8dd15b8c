import GraceFrontend
import GraceSemantics

extension GraphExpansion {
    /// Spinlocks as lock.cat has them: spin_lock reads 0 (from the initial
    /// write or an unlock) and writes 1 in one RMW (LKR, LKW); spin_unlock
    /// writes 0 (UL); a trylock that reads 1 fails (LF); spin_is_locked
    /// reads (RL when it sees 1, RU when it sees 0).
    mutating func lock(_ cell: Int, _ operation: LockOperation, _ dependencies: EventDependencies, thread: Int, _ state: SearchState) {
        switch operation {
        case .lock, .tryLock:
            if operation == .lock, program.condition == nil {
                // A model without a final condition reports deadlocks: the
                // thread may also wait here for ever, which the complete
                // execution confirms (the lock stays held) or rules out.
                var blocked = state
                blocked.runners[thread].block(on: cell)
                emit(blocked)
            }
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
                emit(next)
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
}
