import GraceFrontend

/// SRCU as LKMM has it. Each srcu_struct keeps a word of reader bits; a
/// reader's index is a bit no srcu_struct has set, so the index names one
/// reader across the whole machine and can travel to another thread
/// (srcu_down_read here, srcu_up_read there). synchronize_srcu() waits, as
/// synchronize_rcu() does with CPUs, for the readers of its srcu_struct
/// that were inside when it was called; readers that start later, other
/// srcu_structs and plain RCU do not hold it up. Entering and leaving set
/// and clear the reader's bit with one update of the word through the
/// memory model, and synchronize_srcu() reads it; finding a free index
/// reads every srcu_struct, a check of Grace's own.
extension Interpreter {
    /// srcu_read_lock and srcu_down_read: takes the lowest index no reader
    /// holds, sets its bit in the srcu_struct and returns it.
    func srcuReadLock(_ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        let pointer = pop(&state, context: context, values: values)
        let cell = try resolve(pointer, for: .update, as: .srcuReaders, state)
        let name = symbols.value(pointer, pointee: .aggregate(TypeTable.srcu))
        var taken: Int64 = 0
        for srcu in program.srcuCells { taken |= load(cell: srcu, .plain, as: .check, noted: false, &state, &step) }
        guard let free = (0..<64).first(where: { taken & (1 << Int64($0)) == 0 }) else {
            return .limitReached("more than 64 SRCU readers would be inside at once, the most Grace tracks")
        }
        update(cell: cell, .relaxed, as: .srcuReaders, noted: false, &state, &step) { $0 | 1 << Int64(free) }
        push(Int64(free), &state, context: context, values: values)
        step.note(.rcu, "srcu_read_lock(\(name)) = \(free)")
        return .advanced
    }

    /// srcu_read_unlock and srcu_up_read, on any thread: clears the reader's
    /// bit, and drops it from every synchronize_srcu() waiting for it.
    func srcuReadUnlock(_ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        let index = pop(&state, context: context, values: values)
        let pointer = pop(&state, context: context, values: values)
        let cell = try resolve(pointer, for: .update, as: .srcuReaders, state)
        let name = symbols.value(pointer, pointee: .aggregate(TypeTable.srcu))
        let bit: Int64 = index >= 0 && index < 64 ? 1 << index : 0
        let left = bit == 0 ? nil : update(cell: cell, .relaxed, as: .srcuReaders, noted: false, &state, &step) { $0 & bit != 0 ? $0 & ~bit : nil }
        guard left?.new != nil else {
            throw Violation(.warning, "srcu_read_unlock(\(name), \(index)) matches no srcu_read_lock(\(name)) still inside")
        }
        for cpu in 0..<layout.cpuCount {
            for level in 0..<StateLayout.contextsPerCPU {
                let waiter = layout.context(cpu: cpu, level: level)
                guard state[waitKind: waiter] == .srcuGracePeriod, state[waiter, .waitArgument] != 0 else { continue }
                state[waiter, .waitArgument] &= ~bit
                if state[waiter, .waitArgument] == 0 { step.record(.gracePeriodEnded(.srcu(context: waiter))) }
            }
        }
        step.note(.rcu, "srcu_read_unlock(\(name), \(index))")
        return .advanced
    }

    /// synchronize_srcu: blocks until the readers of its srcu_struct inside
    /// now have left, and returns when the instruction runs again after that.
    func synchronizeSRCU(_ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        if state[waitKind: context] == .srcuGracePeriod {
            guard state[context, .waitArgument] == 0 else { return .blocked }
            state[waitKind: context] = .notWaiting
            step.note(.rcu, "SRCU grace period ends: synchronize_srcu() returns")
            return .advanced
        }
        let pointer = pop(&state, context: context, values: values)
        let cell = try resolve(pointer, for: .read, as: .srcuReaders, state)
        let name = symbols.value(pointer, pointee: .aggregate(TypeTable.srcu))
        if let violation = sleepingInAtomic(step, state, what: "synchronize_srcu()") { throw violation }
        memory.fence(.full, cpu: step.cpu, state: &state, step: &step)
        let readers = load(cell: cell, .once, as: .srcuReaders, noted: false, &state, &step)
        if readers == 0 {
            step.note(.rcu, "synchronize_srcu(\(name)): no reader of \(name) is inside, the grace period ends at once")
        } else {
            step.note(.rcu, "synchronize_srcu(\(name)) waits for the readers of \(name) inside now")
            waitHere(kind: .srcuGracePeriod, mask: readers, &state, step)
            step.record(.gracePeriodStarted(.srcu(context: context)))
        }
        return .advanced
    }
}
