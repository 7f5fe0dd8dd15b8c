import GraceFrontend

extension Interpreter {
    // MARK: Readers

    /// Whether `cpu` is inside a reader of `flavour` now. Under consolidated
    /// RCU, IRQ-, bh- and preempt-disabled regions, spinlock holders and
    /// interrupt contexts are readers of every flavour; before 4.20 they held
    /// off only the sched flavour.
    func isReader(_ cpu: Int, flavour: RCUFlavour, _ state: MachineState) -> Bool {
        let base = layout.cpu(cpu)
        let explicitNormal = state[base, .rcuNesting] > 0
        let explicitSched = state[base, .rcuSchedNesting] > 0
        let implicit = state[base, .irqDisabled] != 0 || state[base, .bhDisabled] > 0
            || state[base, .preemptDisabled] > 0 || state[base, .locksHeld] > 0
            || state[status: layout.context(cpu: cpu, level: ContextKind.softirq.rawValue)] == .running
            || state[status: layout.context(cpu: cpu, level: ContextKind.hardirq.rawValue)] == .running
        if program.config.rcu == .consolidated {
            return explicitNormal || explicitSched || implicit
        }
        return flavour == .normal ? explicitNormal : explicitSched || implicit
    }

    func readerMask(_ flavour: RCUFlavour, _ state: MachineState) -> Int64 {
        var mask: Int64 = 0
        for cpu in 0..<layout.cpuCount where isReader(cpu, flavour: flavour, state) { mask |= 1 << Int64(cpu) }
        return mask
    }

    /// The CPUs in a reader of each flavour, computed once a step and only
    /// when something waits on them.
    struct ReaderMasks {
        private var cached: (normal: Int64, sched: Int64)?

        mutating func masks(_ interpreter: Interpreter, _ state: MachineState) -> (normal: Int64, sched: Int64) {
            if let cached { return cached }
            let normal = interpreter.readerMask(.normal, state)
            let computed = (normal, interpreter.program.config.rcu == .consolidated ? normal : interpreter.readerMask(.sched, state))
            cached = computed
            return computed
        }
    }

    /// Clears, in every queued callback's grace period, the CPUs now seen
    /// outside a reader: a grace period ends once each CPU that was reading
    /// when it started has passed through such a quiescent state.
    func advanceCallbackGracePeriods(_ state: inout MachineState, _ readers: inout ReaderMasks, _ step: inout Step) {
        let count = Int(state[layout.queueBase])
        for entry in 0..<count {
            let base = layout.queueEntry(entry)
            let current = readers.masks(self, state)
            let waiting = state[base, .waitMask]
            state[base, .waitMask] &= state[base, .flavour] == Int64(RCUFlavour.sched.rawValue) ? current.sched : current.normal
            if waiting != 0 && state[base, .waitMask] == 0 {
                memory.gracePeriodEnded(state: &state, step: &step)
                step.record(.gracePeriodEnded(.callback(head: state[base, .head])))
            }
        }
    }

    /// The same for a context waiting in synchronize_rcu or synchronize_sched.
    func narrowGracePeriodWait(_ context: Int, _ state: inout MachineState, _ readers: inout ReaderMasks, _ step: inout Step) {
        let current = readers.masks(self, state)
        let waiting = state[context, .waitArgument]
        state[context, .waitArgument] &= state[waitKind: context] == .gracePeriodSched ? current.sched : current.normal
        if waiting != 0 && state[context, .waitArgument] == 0 {
            memory.gracePeriodEnded(state: &state, step: &step)
            step.record(.gracePeriodEnded(.synchronize(context: context)))
        }
    }

    // MARK: Primitives

    func executeRCU(_ operation: RCUOperation, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        let cpu = layout.cpu(step.cpu)
        switch operation {
        case .readLock(let flavour):
            state[cpu, flavour == .normal ? .rcuNesting : .rcuSchedNesting] += 1
            step.note(.rcu, flavour == .normal ? "rcu_read_lock" : "rcu_read_lock_sched")
        case .readUnlock(let flavour):
            let field: CPUField = flavour == .normal ? .rcuNesting : .rcuSchedNesting
            guard state[cpu, field] > 0 else {
                throw Violation(.warning, "rcu_read_unlock\(flavour == .sched ? "_sched" : "") without rcu_read_lock on CPU\(step.cpu)")
            }
            state[cpu, field] -= 1
            step.note(.rcu, flavour == .normal ? "rcu_read_unlock" : "rcu_read_unlock_sched")
        case .synchronize(let flavour):
            return try synchronizeRCU(flavour, &state, &step)
        case .barrier:
            if let violation = sleepingInAtomic(step, state, what: "rcu_barrier()") { throw violation }
            return rcuBarrier(&state, &step)
        case .call(let flavour):
            let callback = pop(&state, context: context, values: values)
            let head = pop(&state, context: context, values: values)
            return try callRCU(head: head, callback: callback, flavour: flavour, &state, &step)
        case .srcuReadLock:
            return try srcuReadLock(&state, &step, values: values)
        case .srcuReadUnlock:
            return try srcuReadUnlock(&state, &step, values: values)
        case .srcuSynchronize:
            return try synchronizeSRCU(&state, &step, values: values)
        }
        return .advanced
    }

    /// Waits for a grace period: blocks until every CPU reading now has left
    /// its reader, and returns when the instruction runs again after that.
    private func synchronizeRCU(_ flavour: RCUFlavour, _ state: inout MachineState, _ step: inout Step) throws(Violation) -> Outcome {
        let context = step.context
        let name = flavour == .normal ? "synchronize_rcu()" : "synchronize_sched()"
        let kind: WaitKind = flavour == .normal ? .gracePeriodNormal : .gracePeriodSched
        if state[waitKind: context] == kind {
            guard state[context, .waitArgument] == 0 else { return .blocked }
            state[waitKind: context] = .notWaiting
            step.note(.rcu, "grace period ends: \(name) returns")
            return .advanced
        }
        if let violation = sleepingInAtomic(step, state, what: name) { throw violation }
        memory.fence(.full, cpu: step.cpu, state: &state, step: &step)
        let readers = readerMask(flavour, state)
        if readers == 0 {
            memory.gracePeriodEnded(state: &state, step: &step)
            step.note(.rcu, "\(name): no CPU is in a reader, the grace period ends at once")
        } else {
            step.note(.rcu, "\(name) waits for the readers on \(cpuList(readers))")
            waitHere(kind: kind, mask: readers, &state, step)
            step.record(.gracePeriodStarted(.synchronize(context: context)))
        }
        return .advanced
    }

    /// Queues a callback: writes the rcu_head through the memory model (its
    /// function word last, with release ordering: SPEC §2.4 makes every
    /// store before call_rcu visible to the callback) and adds the entry to
    /// the callback queue, whose grace period waits for the CPUs reading now.
    private func callRCU(head: Int64, callback: Int64, flavour: RCUFlavour, _ state: inout MachineState, _ step: inout Step) throws(Violation) -> Outcome {
        let headCell = try resolve(head, for: .write, as: .rcuHead, state)
        guard (ValueEncoding.functionIndex(of: callback) ?? .max) < program.functions.count else {
            throw Violation(.bug, "call_rcu with \(symbols.value(callback)), which is not a function")
        }
        let count = Int(state[layout.queueBase])
        for entry in 0..<count {
            let queued = state[layout.queueEntry(entry), .head]
            if ValueEncoding.object(of: queued) == ValueEncoding.object(of: head), ValueEncoding.offset(of: queued) == ValueEncoding.offset(of: head) {
                let function = symbols.value(state[layout.queueEntry(entry), .function])
                throw Violation(.rcuHeadReuse, "call_rcu on \(symbols.value(head, pointee: .aggregate(TypeTable.rcuHead))), which is still queued for \(function): the RCU callback list is corrupted", object: ValueEncoding.object(of: head))
            }
        }
        if program.rcuListOverlayCells.contains(headCell) {
            let next = load(cell: headCell, .plain, as: .check, noted: false, &state, &step)
            let own = ValueEncoding.pointer(object: ValueEncoding.object(of: head)!, generation: ValueEncoding.generation(of: head), offset: ValueEncoding.offset(of: head))
            if next != 0, next != ValueEncoding.listPoison1, ValueEncoding.object(of: next) != nil,
               let back = try? load(next &+ Int64(KernelStructs.ListHead.prev), .plain, as: .check, noted: false, &state, &step), back == own,
               next != head {
                throw Violation(.unionMisuse, "call_rcu on \(symbols.value(head, pointee: .aggregate(TypeTable.rcuHead))) while the list_head sharing its cells is on a list", object: ValueEncoding.object(of: head))
            }
        }
        guard count < layout.queueCapacity else {
            return .limitReached("call_rcu would queue more than \(layout.queueCapacity) callbacks at once, the most Grace keeps for this model")
        }
        store(cell: headCell + KernelStructs.RCUHead.next, ValueEncoding.rcuQueuedMarker, .plain, as: .rcuHead, noted: false, &state, &step)
        store(cell: headCell + KernelStructs.RCUHead.function, callback, .release, as: .rcuHead, noted: false, &state, &step)
        // The grace period starts here and waits only for the readers of
        // now: a reader that starts later must see every earlier store, so
        // the start is a full barrier on this CPU, as synchronize_rcu's is.
        memory.fence(.full, cpu: step.cpu, state: &state, step: &step)
        let entry = layout.queueEntry(count)
        state[entry, .head] = head
        state[entry, .function] = callback
        state[entry, .cpu] = Int64(step.cpu)
        state[entry, .flavour] = Int64(flavour.rawValue)
        state[entry, .waitMask] = readerMask(flavour, state)
        state[layout.queueBase] = Int64(count + 1)
        step.record(.callbackQueued(head: head))
        step.record(.gracePeriodStarted(.callback(head: head)))
        if state[entry, .waitMask] == 0 {
            memory.gracePeriodEnded(state: &state, step: &step)
            step.record(.gracePeriodEnded(.callback(head: head)))
        }
        step.note(.rcu, "\(flavour == .normal ? "call_rcu" : "call_rcu_sched")(\(symbols.value(head, pointee: .aggregate(TypeTable.rcuHead))), \(symbols.value(callback)))")
        return .advanced
    }

    private func rcuBarrier(_ state: inout MachineState, _ step: inout Step) -> Outcome {
        let context = step.context
        if state[waitKind: context] == .barrier {
            let count = Int(state[layout.queueBase])
            for entry in 0..<count where state[layout.queueEntry(entry), .barrierMark] != 0 { return .blocked }
            for cpu in 0..<layout.cpuCount {
                let softirq = layout.context(cpu: cpu, level: ContextKind.softirq.rawValue)
                if state[waitKind: softirq] == .barrier { return .blocked }
            }
            state[waitKind: context] = .notWaiting
            step.note(.rcu, "rcu_barrier returns: every earlier callback has run")
            return .advanced
        }
        memory.fence(.full, cpu: step.cpu, state: &state, step: &step)
        let count = Int(state[layout.queueBase])
        for entry in 0..<count { state[layout.queueEntry(entry), .barrierMark] = 1 }
        // A callback already dequeued and running was queued before the barrier too.
        for cpu in 0..<layout.cpuCount {
            let softirq = layout.context(cpu: cpu, level: ContextKind.softirq.rawValue)
            if state[status: softirq] == .running { state[waitKind: softirq] = .barrier }
        }
        waitHere(kind: .barrier, mask: 0, &state, step)
        step.note(.rcu, "rcu_barrier waits for \(count) queued callback\(count == 1 ? "" : "s")")
        return .advanced
    }

    // MARK: Softirq

    /// local_bh_enable() and spin_unlock_bh() run pending softirqs at once
    /// when they re-enable bh in task context with IRQs on.
    func raiseSoftirqIfReady(_ state: inout MachineState, _ step: Step) {
        let base = layout.cpu(step.cpu)
        guard step.level == ContextKind.task.rawValue, state[base, .bhDisabled] == 0,
              readyCallback(on: step.cpu, state) != nil else { return }
        state[base, .softirqNow] = 1
    }

    /// Clears the synchronous-softirq mark of CPUs that have run every ready callback.
    public func settleSoftirqs(_ state: inout MachineState) {
        for cpu in 0..<layout.cpuCount where state[layout.cpu(cpu), .softirqNow] != 0 {
            let softirq = layout.context(cpu: cpu, level: ContextKind.softirq.rawValue)
            if state[status: softirq] == .inactive && readyCallback(on: cpu, state) == nil {
                state[layout.cpu(cpu), .softirqNow] = 0
            }
        }
    }

    /// The queue entry softirq on `cpu` would run next, if it may run now.
    public func readyCallback(on cpu: Int, _ state: MachineState) -> Int? {
        let count = Int(state[layout.queueBase])
        guard count > 0 else { return nil }
        let base = layout.cpu(cpu)
        guard state[base, .irqDisabled] == 0, state[base, .bhDisabled] == 0,
              state[status: layout.context(cpu: cpu, level: ContextKind.softirq.rawValue)] == .inactive,
              state[status: layout.context(cpu: cpu, level: ContextKind.hardirq.rawValue)] == .inactive
        else { return nil }
        for entry in 0..<count {
            let fields = layout.queueEntry(entry)
            if state[fields, .cpu] == Int64(cpu) {
                return state[fields, .waitMask] == 0 ? entry : nil
            }
        }
        return nil
    }

    /// Interrupts `cpu` to run a ready RCU callback in softirq context.
    public func startSoftirq(on cpu: Int, entry: Int, _ state: inout MachineState, _ step: inout Step) -> Outcome {
        let fields = layout.queueEntry(entry)
        let head = state[fields, .head]
        let callback = state[fields, .function]
        let marked = state[fields, .barrierMark]
        let count = Int(state[layout.queueBase])
        for word in fields..<layout.queueEntry(count - 1) {
            state[word] = state[word + StateLayout.queueEntrySize]
        }
        for word in layout.queueEntry(count - 1)..<(layout.queueEntry(count - 1) + StateLayout.queueEntrySize) { state[word] = 0 }
        state[layout.queueBase] = Int64(count - 1)
        step.record(.callbackRun(head: head))
        let function = ValueEncoding.functionIndex(of: callback)!
        memory.fence(.full, cpu: cpu, state: &state, step: &step)
        let context = step.context
        state[status: context] = .running
        state[waitKind: context] = marked != 0 ? .barrier : .notWaiting
        state[context, .frameCount] = 1
        state[context, .frames] = Int64(function)
        let values = valuesBase(context)
        state[values] = head
        state[context, .stackPointer] = Int64(program.functions[function].localCount)
        if step.log != nil {
            step.log!.location = program.functions[function].location
            step.log!.function = function
            step.log!.contextLevel = step.level
        }
        step.note(.context, "grace period over: every CPU reading when call_rcu ran has left its reader")
        step.note(.context, "softirq on CPU\(cpu) runs RCU callback \(program.functions[function].name)(\(symbols.value(head, pointee: .aggregate(TypeTable.rcuHead))))")
        return run(&state, &step, executeVisible: false)
    }
}
