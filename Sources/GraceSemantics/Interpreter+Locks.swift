import GraceFrontend

/// Spinlocks and the sleeping reader-writer locks. A lock word holds its
/// holder (or, for a reader-writer lock, the count of readers, -1 for a
/// writer); taking a lock is a conditional acquire read-modify-write of the
/// word through the memory model. Releasing a spinlock is a release store,
/// as on x86 (a `mov`, not a locked instruction: under tso it waits in the
/// store buffer), after a read that only Grace makes, to check that the
/// releaser holds the lock; releasing a reader-writer lock is a release
/// read-modify-write, as the kernel's rwsem does it.
extension Interpreter {
    /// A lock word holds the holding context: CPU and nesting level, plus one.
    @inline(__always)
    func holderToken(_ step: Step) -> Int64 {
        Int64(step.cpu * StateLayout.contextsPerCPU + step.level + 1)
    }

    func describeHolder(_ token: Int64) -> String {
        guard token > 0, token <= Int64(layout.cpuCount * StateLayout.contextsPerCPU) else { return "no context (the lock word holds \(token))" }
        let index = Int(token) - 1
        let cpu = index / StateLayout.contextsPerCPU
        let level = index % StateLayout.contextsPerCPU
        return "CPU\(cpu) \(ContextKind(rawValue: level)?.name ?? "?")"
    }

    func executeLock(_ operation: LockOperation, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        let cpu = layout.cpu(step.cpu)
        var flags: Int64 = 0
        if operation == .unlockIRQRestore { flags = pop(&state, context: context, values: values) }
        let pointer = pop(&state, context: context, values: values)
        let cell = try resolve(pointer, for: operation == .isLocked ? .read : .update, as: .lockWord, state)
        let name = symbols.cell(cell)
        let token = holderToken(step)
        func updateWord(_ ordering: RMWOrdering = .acquire, _ transform: (Int64) -> Int64?) -> Update {
            update(cell: cell, ordering, as: .lockWord, noted: false, &state, &step, transform)
        }
        switch operation {
        case .lock, .lockBH, .lockIRQ, .lockIRQSave:
            let taken = updateWord { $0 == 0 ? token : nil }
            if taken.new == nil {
                if taken.old == token {
                    throw Violation(.deadlock, "\(name) is taken again by the context that holds it (AA deadlock)", object: symbols.object(ofCell: cell))
                }
                return .blocked
            }
            if operation == .lockIRQSave {
                push(state[cpu, .irqDisabled], &state, context: context, values: values)
            }
            if operation == .lockBH { state[cpu, .bhDisabled] += 1 }
            if operation == .lockIRQ || operation == .lockIRQSave { state[cpu, .irqDisabled] = 1 }
            state[cpu, .locksHeld] += 1
            step.note(.lock, "lock \(name)")
        case .unlock, .unlockBH, .unlockIRQ, .unlockIRQRestore:
            let holder = load(cell: cell, .once, as: .check, noted: false, &state, &step)
            guard holder == token else {
                let held = holder == 0 ? "it is not held" : "it is held by \(describeHolder(holder))"
                throw Violation(.unlockUnheld, "unlock of \(name), but \(held)", object: symbols.object(ofCell: cell))
            }
            store(cell: cell, 0, .release, as: .lockWord, noted: false, &state, &step)
            state[cpu, .locksHeld] -= 1
            if operation == .unlockBH {
                state[cpu, .bhDisabled] = max(0, state[cpu, .bhDisabled] - 1)
                raiseSoftirqIfReady(&state, step)
            }
            if operation == .unlockIRQ { state[cpu, .irqDisabled] = 0 }
            if operation == .unlockIRQRestore { state[cpu, .irqDisabled] = flags == 0 ? 0 : 1 }
            step.note(.unlock, "unlock \(name)")
        case .tryLock:
            let acquired = updateWord { $0 == 0 ? token : nil }.new != nil
            if acquired { state[cpu, .locksHeld] += 1 }
            step.note(.lock, "trylock \(name) \(acquired ? "succeeds" : "fails")")
            push(acquired ? 1 : 0, &state, context: context, values: values)
        case .isLocked:
            let word = load(cell: cell, .once, as: .lockWord, noted: false, &state, &step)
            step.note(.read, "\(name) is \(word != 0 ? "locked" : "unlocked")")
            push(word != 0 ? 1 : 0, &state, context: context, values: values)
        case .readLock, .writeLock, .writeTryLock:
            if let violation = sleepingInAtomic(step, state, what: name) { throw violation }
            let acquired = updateWord { word in
                if operation == .readLock { return word >= 0 ? word + 1 : nil }
                return word == 0 ? -1 : nil
            }.new != nil
            if operation == .writeTryLock {
                push(acquired ? 1 : 0, &state, context: context, values: values)
                step.note(.lock, "write-trylock \(name) \(acquired ? "succeeds" : "fails")")
                return .advanced
            }
            guard acquired else { return .blocked }
            step.note(.lock, "\(operation == .readLock ? "read" : "write")-lock \(name)")
        case .readUnlock, .writeUnlock:
            let released = updateWord(.release) { word in
                if operation == .readUnlock { return word > 0 ? word - 1 : nil }
                return word == -1 ? 0 : nil
            }
            guard released.new != nil else {
                throw Violation(.unlockUnheld, "\(operation == .readUnlock ? "read" : "write")-unlock of \(name), which is not held that way", object: symbols.object(ofCell: cell))
            }
            step.note(.unlock, "\(operation == .readUnlock ? "read" : "write")-unlock \(name)")
        case .mutexLock, .mutexUnlock, .mutexTryLock:
            return try executeMutex(operation, cell: cell, &state, &step, values: values)
        }
        return .advanced
    }
}
