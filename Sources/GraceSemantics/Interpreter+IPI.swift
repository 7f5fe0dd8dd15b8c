import GraceFrontend

/// Inter-processor interrupts: sending, taking one in hardirq context, and
/// the acknowledgement a waiting sender counts.
extension Interpreter {
    /// Posts the handler on the stack to every other CPU; with wait set,
    /// blocks until each has run it.
    func sendIPI(_ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        if state[waitKind: context] == .ipi {
            guard state[context, .waitArgument] == 0 else { return .blocked }
            state[waitKind: context] = .notWaiting
            step.note(.context, "every CPU ran the IPI; smp_call_function returns")
            return .advanced
        }
        let wait = pop(&state, context: context, values: values)
        let info = pop(&state, context: context, values: values)
        let function = pop(&state, context: context, values: values)
        if state[layout.cpu(step.cpu), .irqDisabled] != 0 {
            return .violation(Violation(.ipiWithIRQsOff, "smp_call_function from CPU\(step.cpu) with IRQs disabled: it can deadlock against a CPU waiting for this one"))
        }
        var targets: Int64 = 0
        for cpu in 0..<layout.cpuCount where cpu != step.cpu {
            // One IPI slot per CPU: a sender waits until the previous one is taken.
            if state[layout.cpu(cpu), .ipiFunction] != 0 { return .blocked }
            targets |= 1 << Int64(cpu)
        }
        memory.fence(.full, cpu: step.cpu, state: &state, step: &step)
        for cpu in 0..<layout.cpuCount where cpu != step.cpu {
            let base = layout.cpu(cpu)
            state[base, .ipiFunction] = function
            state[base, .ipiInfo] = info
            state[base, .ipiSender] = wait != 0 ? holderToken(step) : 0
        }
        if function != 0 { step.record(.ipiSent(targets: targets)) }
        step.note(.context, "IPI \(handlerName(function)) sent to every other CPU\(wait != 0 && targets != 0 ? "; waits for them" : "")")
        if wait != 0 && targets != 0 { waitHere(kind: .ipi, mask: targets, &state, step) }
        return .advanced
    }

    func handlerName(_ function: Int64) -> String {
        guard let index = ValueEncoding.functionIndex(of: function), index < program.functions.count else { return "(empty handler)" }
        return program.functions[index].name
    }

    /// Whether `cpu` can take its pending IPI now.
    public func pendingIPI(on cpu: Int, _ state: MachineState) -> Bool {
        let base = layout.cpu(cpu)
        return state[base, .ipiFunction] != 0 && state[base, .irqDisabled] == 0
            && state[status: layout.context(cpu: cpu, level: ContextKind.hardirq.rawValue)] == .inactive
    }

    /// Interrupts `cpu` with its pending IPI: the handler runs in hardirq context.
    public func startIPI(on cpu: Int, _ state: inout MachineState, _ step: inout Step) -> Outcome {
        let base = layout.cpu(cpu)
        let function = state[base, .ipiFunction]
        let info = state[base, .ipiInfo]
        let sender = state[base, .ipiSender]
        state[base, .ipiFunction] = 0
        state[base, .ipiInfo] = 0
        state[base, .ipiSender] = 0
        step.record(.ipiTaken(cpu: cpu))
        step.note(.context, "CPU\(cpu) takes the IPI: \(handlerName(function))")
        guard let index = ValueEncoding.functionIndex(of: function), index < program.functions.count else {
            acknowledgeIPI(sender: sender, cpu: cpu, &state)
            return .advanced
        }
        memory.fence(.full, cpu: cpu, state: &state, step: &step)
        let context = step.context
        state[status: context] = .running
        state[context, .waitArgument] = sender
        state[context, .frameCount] = 1
        state[context, .frames] = Int64(index)
        state[valuesBase(context)] = info
        state[context, .stackPointer] = Int64(program.functions[index].localCount)
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
        if state[waitKind: context] == .ipi {
            state[context, .waitArgument] &= ~(1 << Int64(cpu))
        }
    }
}
