import GraceFrontend

/// SRCU as LKMM has it. Each srcu_struct keeps a word of reader bits; a
/// reader's index is a bit no srcu_struct has set, so the index names one
/// reader across the whole machine and can travel to another thread
/// (srcu_down_read here, srcu_up_read there). synchronize_srcu() waits, as
/// synchronize_rcu() does with CPUs, for the readers of its srcu_struct
/// that were inside when it was called; readers that start later, other
/// srcu_structs and plain RCU do not hold it up.
extension Interpreter {
    /// srcu_read_lock and srcu_down_read: takes the lowest index no reader
    /// holds, sets its bit in the srcu_struct and returns it.
    func srcuReadLock(_ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        let pointer = pop(&state, context: context, values: values)
        let cell: Int
        switch resolve(pointer, access: "SRCU", state) {
        case .failure(let violation): return .violation(violation)
        case .success(let resolved): cell = resolved
        }
        let name = symbols.value(pointer, pointee: .aggregate(TypeTable.srcu))
        let taken = program.srcuCells.reduce(Int64(0)) { $0 | state[$1] }
        guard let free = (0..<64).first(where: { taken & (1 << Int64($0)) == 0 }) else {
            return .limitReached("more than 64 SRCU readers would be inside at once, the most Grace tracks")
        }
        state[cell] |= 1 << Int64(free)
        push(Int64(free), &state, context: context, values: values)
        step.note(.rcu, "srcu_read_lock(\(name)) = \(free)")
        return .advanced
    }

    /// srcu_read_unlock and srcu_up_read, on any thread: clears the reader's
    /// bit, and drops it from every synchronize_srcu() waiting for it.
    func srcuReadUnlock(_ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        let index = pop(&state, context: context, values: values)
        let pointer = pop(&state, context: context, values: values)
        let cell: Int
        switch resolve(pointer, access: "SRCU", state) {
        case .failure(let violation): return .violation(violation)
        case .success(let resolved): cell = resolved
        }
        let name = symbols.value(pointer, pointee: .aggregate(TypeTable.srcu))
        guard index >= 0, index < 64, state[cell] & (1 << index) != 0 else {
            return .violation(Violation(.warning, "srcu_read_unlock(\(name), \(index)) matches no srcu_read_lock(\(name)) still inside"))
        }
        let bit: Int64 = 1 << index
        state[cell] &= ~bit
        for cpu in 0..<layout.cpuCount {
            for level in 0..<StateLayout.contextsPerCPU {
                let waiter = layout.context(cpu: cpu, level: level)
                if state[waitKind: waiter] == .srcuGracePeriod { state[waiter, .waitArgument] &= ~bit }
            }
        }
        step.note(.rcu, "srcu_read_unlock(\(name), \(index))")
        return .advanced
    }

    /// synchronize_srcu: blocks until the readers of its srcu_struct inside
    /// now have left, and returns when the instruction runs again after that.
    func synchronizeSRCU(_ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        if state[waitKind: context] == .srcuGracePeriod {
            guard state[context, .waitArgument] == 0 else { return .blocked }
            state[waitKind: context] = .notWaiting
            step.note(.rcu, "SRCU grace period ends: synchronize_srcu() returns")
            return .advanced
        }
        let pointer = pop(&state, context: context, values: values)
        let cell: Int
        switch resolve(pointer, access: "SRCU", state) {
        case .failure(let violation): return .violation(violation)
        case .success(let resolved): cell = resolved
        }
        let name = symbols.value(pointer, pointee: .aggregate(TypeTable.srcu))
        if let violation = sleepingInAtomic(step, state, what: "synchronize_srcu()") { return .violation(violation) }
        let readers = state[cell]
        if readers == 0 {
            step.note(.rcu, "synchronize_srcu(\(name)): no reader of \(name) is inside, the grace period ends at once")
        } else {
            step.note(.rcu, "synchronize_srcu(\(name)) waits for the readers of \(name) inside now")
            waitHere(kind: .srcuGracePeriod, mask: readers, &state, step)
        }
        return .advanced
    }
}
