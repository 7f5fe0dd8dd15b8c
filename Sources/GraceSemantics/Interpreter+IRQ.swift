import GraceFrontend

/// A CPU's IRQ state, bh-disable and preempt counts, and the atomic-context
/// check of sleeping primitives.
extension Interpreter {
    /// Sleeping primitives may not run with IRQs, bh or preemption disabled,
    /// under a spinlock, or in softirq or IRQ context.
    func sleepingInAtomic(_ step: Step, _ state: MachineState, what: String) -> Violation? {
        let cpu = layout.cpu(step.cpu)
        var reasons: [String] = []
        if state[cpu, .irqDisabled] != 0 { reasons.append("IRQs disabled") }
        if state[cpu, .bhDisabled] != 0 { reasons.append("bh disabled") }
        if state[cpu, .preemptDisabled] != 0 { reasons.append("preemption disabled") }
        if state[cpu, .locksHeld] != 0 { reasons.append("a spinlock held") }
        if state[cpu, .rcuSchedNesting] != 0 { reasons.append("inside rcu_read_lock_sched") }
        if step.level != ContextKind.task.rawValue { reasons.append("in \(ContextKind(rawValue: step.level)!.name) context") }
        guard !reasons.isEmpty else { return nil }
        return Violation(.sleepInAtomic, "\(what) may sleep, but CPU\(step.cpu) is atomic: \(reasons.joined(separator: ", "))")
    }

    func executeCPU(_ operation: CPUOperation, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        let cpu = layout.cpu(step.cpu)
        switch operation {
        case .mightSleep:
            if let violation = sleepingInAtomic(step, state, what: "a sleeping call") { return .violation(violation) }
        case .irqDisable: state[cpu, .irqDisabled] = 1
        case .irqEnable: state[cpu, .irqDisabled] = 0
        case .irqSave:
            push(state[cpu, .irqDisabled], &state, context: context, values: values)
            state[cpu, .irqDisabled] = 1
        case .irqRestore:
            state[cpu, .irqDisabled] = pop(&state, context: context, values: values) == 0 ? 0 : 1
        case .bhDisable: state[cpu, .bhDisabled] += 1
        case .bhEnable:
            guard state[cpu, .bhDisabled] > 0 else {
                return .violation(Violation(.warning, "local_bh_enable() without local_bh_disable() on CPU\(step.cpu)"))
            }
            state[cpu, .bhDisabled] -= 1
            raiseSoftirqIfReady(&state, step)
        case .preemptDisable: state[cpu, .preemptDisabled] += 1
        case .preemptEnable:
            guard state[cpu, .preemptDisabled] > 0 else {
                return .violation(Violation(.warning, "preempt_enable() without preempt_disable() on CPU\(step.cpu)"))
            }
            state[cpu, .preemptDisabled] -= 1
        }
        step.note(.context, Self.traceName(of: operation))
        return .advanced
    }

    /// How a trace names the operation: the kernel call that does it alone.
    static func traceName(of operation: CPUOperation) -> String {
        switch operation {
        case .mightSleep: return "might_sleep"
        case .irqDisable: return "local_irq_disable"
        case .irqEnable: return "local_irq_enable"
        case .irqSave: return "local_irq_save"
        case .irqRestore: return "local_irq_restore"
        case .bhDisable: return "local_bh_disable"
        case .bhEnable: return "local_bh_enable"
        case .preemptDisable: return "preempt_disable"
        case .preemptEnable: return "preempt_enable"
        }
    }
}
