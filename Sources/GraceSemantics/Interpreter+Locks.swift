import GraceFrontend

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

    func executeLock(_ operation: LockOperation, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        let cpu = layout.cpu(step.cpu)
        var flags: Int64 = 0
        if operation == .unlockIRQRestore { flags = pop(&state, context: context, values: values) }
        let pointer = pop(&state, context: context, values: values)
        let cell: Int
        switch resolve(pointer, access: "lock access", state) {
        case .failure(let violation): return .violation(violation)
        case .success(let resolved): cell = resolved
        }
        let name = symbols.cell(cell)
        let word = state[cell]
        let token = holderToken(step)
        switch operation {
        case .lock, .lockBH, .lockIRQ, .lockIRQSave:
            if word == token {
                return .violation(Violation(.deadlock, "\(name) is taken again by the context that holds it (AA deadlock)", object: symbols.object(ofCell: cell)))
            }
            guard word == 0 else { return .blocked }
            if operation == .lockIRQSave {
                push(state[cpu, .irqDisabled], &state, context: context, values: values)
            }
            if operation == .lockBH { state[cpu, .bhDisabled] += 1 }
            if operation == .lockIRQ || operation == .lockIRQSave { state[cpu, .irqDisabled] = 1 }
            state[cell] = token
            state[cpu, .locksHeld] += 1
            step.note(.lock, "lock \(name)")
        case .unlock, .unlockBH, .unlockIRQ, .unlockIRQRestore:
            guard word == token else {
                let holder = word == 0 ? "it is not held" : "it is held by \(describeHolder(word))"
                return .violation(Violation(.unlockUnheld, "unlock of \(name), but \(holder)", object: symbols.object(ofCell: cell)))
            }
            state[cell] = 0
            state[cpu, .locksHeld] -= 1
            if operation == .unlockBH {
                state[cpu, .bhDisabled] = max(0, state[cpu, .bhDisabled] - 1)
                raiseSoftirqIfReady(&state, step)
            }
            if operation == .unlockIRQ { state[cpu, .irqDisabled] = 0 }
            if operation == .unlockIRQRestore { state[cpu, .irqDisabled] = flags == 0 ? 0 : 1 }
            step.note(.unlock, "unlock \(name)")
        case .tryLock:
            let acquired = word == 0
            if acquired {
                state[cell] = token
                state[cpu, .locksHeld] += 1
            }
            step.note(.lock, "trylock \(name) \(acquired ? "succeeds" : "fails")")
            push(acquired ? 1 : 0, &state, context: context, values: values)
        case .isLocked:
            step.note(.read, "\(name) is \(word != 0 ? "locked" : "unlocked")")
            push(word != 0 ? 1 : 0, &state, context: context, values: values)
        case .readLock, .writeLock, .writeTryLock:
            if let violation = sleepingInAtomic(step, state, what: name) { return .violation(violation) }
            let acquired = operation == .readLock ? word >= 0 : word == 0
            if operation == .writeTryLock {
                if acquired { state[cell] = -1 }
                push(acquired ? 1 : 0, &state, context: context, values: values)
                step.note(.lock, "write-trylock \(name) \(acquired ? "succeeds" : "fails")")
                return .advanced
            }
            guard acquired else { return .blocked }
            state[cell] = operation == .readLock ? word + 1 : -1
            step.note(.lock, "\(operation == .readLock ? "read" : "write")-lock \(name)")
        case .readUnlock, .writeUnlock:
            let held = operation == .readUnlock ? word > 0 : word == -1
            guard held else {
                return .violation(Violation(.unlockUnheld, "\(operation == .readUnlock ? "read" : "write")-unlock of \(name), which is not held that way", object: symbols.object(ofCell: cell)))
            }
            state[cell] = operation == .readUnlock ? word - 1 : 0
            step.note(.unlock, "\(operation == .readUnlock ? "read" : "write")-unlock \(name)")
        }
        return .advanced
    }
}
