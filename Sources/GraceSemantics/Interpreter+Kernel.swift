import GraceFrontend

extension Interpreter {
    /// CPUs other than `cpu` whose IRQs are disabled: the ones an IPI must wait for.
    func irqsOffMask(excluding cpu: Int, _ state: MachineState) -> Int64 {
        var mask: Int64 = 0
        for other in 0..<layout.cpuCount where other != cpu && state[layout.cpu(other) + CPUField.irqDisabled] != 0 {
            mask |= 1 << Int64(other)
        }
        return mask
    }

    /// Blocks the context on its current instruction until `mask` empties:
    /// the instruction runs again then, and sees the wait done.
    func waitHere(kind: Int64, mask: Int64, _ state: inout MachineState, _ step: Step) {
        let context = step.context
        state[context + ContextField.waitKind] = kind
        state[context + ContextField.waitArgument] = mask
        let frame = layout.topFrame(context, state)
        state[frame + 1] -= 1
    }

    func cpuList(_ mask: Int64) -> String {
        (0..<layout.cpuCount).filter { mask & (1 << Int64($0)) != 0 }.map { "CPU\($0)" }.joined(separator: ", ")
    }

    // MARK: TLB

    func executeTLB(_ operation: TLBOperation, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        switch operation {
        case .flush:
            if state[context + ContextField.waitKind] == WaitKind.tlbFlush {
                guard state[context + ContextField.waitArgument] == 0 else { return .blocked }
                state[context + ContextField.waitKind] = WaitKind.none
                step.note(.context, "TLB flush completes: every CPU took the flush IPI")
                return .advanced
            }
            for cpu in 0..<layout.cpuCount {
                let base = layout.cpu(cpu) + CPUField.tlb
                for word in 0..<(layout.tlbEntries * 2) { state[base + word] = 0 }
            }
            if program.config.tlbFlush == .ipi {
                if state[layout.cpu(step.cpu) + CPUField.irqDisabled] != 0 {
                    return .violation(Violation(.ipiWithIRQsOff, "TLB flush by IPI sent from CPU\(step.cpu) with IRQs disabled: it can deadlock against a CPU waiting for this one"))
                }
                let pending = irqsOffMask(excluding: step.cpu, state)
                step.note(.context, "TLB flush: cached translations dropped; IPIs sent to every other CPU")
                if pending != 0 {
                    waitHere(kind: WaitKind.tlbFlush, mask: pending, &state, step)
                    step.note(.context, "the flush waits for \(cpuList(pending)) to enable IRQs")
                }
            } else {
                step.note(.context, "TLB flush: broadcast invalidation, cached translations dropped, no IPI")
            }
        case .walk:
            let slot = pop(&state, context: context, values: values)
            let cell: Int
            switch resolve(slot, access: "hardware walk", state) {
            case .failure(let violation): return .violation(violation)
            case .success(let resolved): cell = resolved
            }
            let base = layout.cpu(step.cpu) + CPUField.tlb
            for entry in 0..<layout.tlbEntries where state[base + entry * 2] == Int64(cell + 1) {
                let cached = state[base + entry * 2 + 1]
                step.note(.read, "MMU uses its cached entry for \(symbols.cell(cell)): \(symbols.value(cached)) (no memory read)")
                push(cached, &state, context: context, values: values)
                return .advanced
            }
            let value = memory.load(cell: cell, ordering: .once, cpu: step.cpu, state: &state)
            let page = ValueEncoding.stripFlags(value)
            step.note(.read, "MMU walks \(symbols.cell(cell)) = \(symbols.value(value))", object: symbols.object(ofCell: cell))
            if page != 0, layout.tlbEntries > 0 {
                // The oldest entry makes room: entries shift down, the new one goes last.
                var free = (0..<layout.tlbEntries).first { state[base + $0 * 2] == 0 }
                if free == nil {
                    for word in 0..<((layout.tlbEntries - 1) * 2) { state[base + word] = state[base + word + 2] }
                    free = layout.tlbEntries - 1
                }
                state[base + free! * 2] = Int64(cell + 1)
                state[base + free! * 2 + 1] = page
            }
            push(page, &state, context: context, values: values)
        }
        return .advanced
    }

    // MARK: IPIs

    func executeIPI(_ operation: IPIOperation, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        switch operation {
        case .send:
            if state[context + ContextField.waitKind] == WaitKind.ipi {
                guard state[context + ContextField.waitArgument] == 0 else { return .blocked }
                state[context + ContextField.waitKind] = WaitKind.none
                step.note(.context, "every CPU ran the IPI; smp_call_function returns")
                return .advanced
            }
            let wait = pop(&state, context: context, values: values)
            let info = pop(&state, context: context, values: values)
            let function = pop(&state, context: context, values: values)
            if state[layout.cpu(step.cpu) + CPUField.irqDisabled] != 0 {
                return .violation(Violation(.ipiWithIRQsOff, "smp_call_function from CPU\(step.cpu) with IRQs disabled: it can deadlock against a CPU waiting for this one"))
            }
            var targets: Int64 = 0
            for cpu in 0..<layout.cpuCount where cpu != step.cpu {
                // One IPI slot per CPU: a sender waits until the previous one is taken.
                if state[layout.cpu(cpu) + CPUField.ipiFunction] != 0 { return .blocked }
                targets |= 1 << Int64(cpu)
            }
            for cpu in 0..<layout.cpuCount where cpu != step.cpu {
                let base = layout.cpu(cpu)
                state[base + CPUField.ipiFunction] = function
                state[base + CPUField.ipiInfo] = info
                state[base + CPUField.ipiSender] = wait != 0 ? holderToken(step) : 0
            }
            step.note(.context, "IPI \(handlerName(function)) sent to every other CPU\(wait != 0 && targets != 0 ? "; waits for them" : "")")
            if wait != 0 && targets != 0 { waitHere(kind: WaitKind.ipi, mask: targets, &state, step) }
        }
        return .advanced
    }

    func handlerName(_ function: Int64) -> String {
        guard let index = ValueEncoding.functionIndex(of: function), index < program.functions.count else { return "(empty handler)" }
        return program.functions[index].name
    }

    /// Whether `cpu` can take its pending IPI now.
    public func pendingIPI(on cpu: Int, _ state: MachineState) -> Bool {
        let base = layout.cpu(cpu)
        return state[base + CPUField.ipiFunction] != 0 && state[base + CPUField.irqDisabled] == 0
            && state[layout.context(cpu: cpu, level: ContextKind.hardirq.rawValue) + ContextField.status] == ContextField.inactive
    }

    /// Interrupts `cpu` with its pending IPI: the handler runs in hardirq context.
    public func startIPI(on cpu: Int, _ state: inout MachineState, _ step: inout Step) -> Outcome {
        let base = layout.cpu(cpu)
        let function = state[base + CPUField.ipiFunction]
        let info = state[base + CPUField.ipiInfo]
        let sender = state[base + CPUField.ipiSender]
        state[base + CPUField.ipiFunction] = 0
        state[base + CPUField.ipiInfo] = 0
        state[base + CPUField.ipiSender] = 0
        step.note(.context, "CPU\(cpu) takes the IPI: \(handlerName(function))")
        guard let index = ValueEncoding.functionIndex(of: function), index < program.functions.count else {
            acknowledgeIPI(sender: sender, cpu: cpu, &state)
            return .advanced
        }
        let context = step.context
        state[context + ContextField.status] = ContextField.running
        state[context + ContextField.waitArgument] = sender
        state[context + ContextField.frameCount] = 1
        state[context + ContextField.frames] = Int64(index)
        state[valuesBase(context)] = info
        state[context + ContextField.stackPointer] = Int64(program.functions[index].localCount)
        if step.log != nil {
            step.log!.location = program.functions[index].location
            step.log!.function = index
            step.log!.contextLevel = step.level
        }
        return run(&state, &step, executeVisible: false)
    }

    /// The handler on `cpu` is done: the waiting sender stops waiting for it.
    func acknowledgeIPI(sender: Int64, cpu: Int, _ state: inout MachineState) {
        guard sender > 0 else { return }
        let index = Int(sender) - 1
        let context = layout.context(cpu: index / StateLayout.contextsPerCPU, level: index % StateLayout.contextsPerCPU)
        if state[context + ContextField.waitKind] == WaitKind.ipi {
            state[context + ContextField.waitArgument] &= ~(1 << Int64(cpu))
        }
    }

    // MARK: mm_struct

    func executeMM(_ operation: MMOperation, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        let mm = pop(&state, context: context, values: values)
        let usersOffset = Int64(KernelStructs.MM.users)
        let countOffset = Int64(KernelStructs.MM.count)
        func adjust(_ offset: Int64, by delta: Int64) -> Result<Int64, Violation> {
            switch resolve(mm &+ offset, access: "update", state) {
            case .failure(let violation): return .failure(violation)
            case .success(let cell):
                let old = state[cell]
                if delta < 0 && old <= 0 { return .failure(Violation(.bug, "\(symbols.cell(cell)) dropped below zero")) }
                if delta > 0 && old == 0 && offset == countOffset { return .failure(Violation(.useAfterFree, "mmgrab of an mm whose mm_count is zero")) }
                state[cell] = old + delta
                step.note(.update, "\(symbols.cell(cell)): \(old) -> \(old + delta)")
                return .success(old + delta)
            }
        }
        func drop() -> Violation? {
            switch adjust(countOffset, by: -1) {
            case .failure(let violation): return violation
            case .success(0): return free(mm, expectingContents: false, &state, &step)
            case .success: return nil
            }
        }
        switch operation {
        case .grab:
            if case .failure(let violation) = adjust(countOffset, by: 1) { return .violation(violation) }
        case .get:
            if case .failure(let violation) = adjust(usersOffset, by: 1) { return .violation(violation) }
        case .drop:
            if let violation = drop() { return .violation(violation) }
        case .put:
            switch adjust(usersOffset, by: -1) {
            case .failure(let violation): return .violation(violation)
            case .success(0): if let violation = drop() { return .violation(violation) }
            case .success: break
            }
        case .getNotZero:
            switch resolve(mm &+ usersOffset, access: "update", state) {
            case .failure(let violation): return .violation(violation)
            case .success(let cell):
                let old = state[cell]
                if old != 0 { state[cell] = old + 1 }
                step.note(.update, "mmget_not_zero: \(symbols.cell(cell)) = \(old)\(old != 0 ? " -> \(old + 1)" : " (fails)")")
                push(old != 0 ? 1 : 0, &state, context: context, values: values)
            }
        }
        return .advanced
    }
}
