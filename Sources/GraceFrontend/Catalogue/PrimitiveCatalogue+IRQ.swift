extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let irqIntroduction = """
        These change the CPU's state, which decides what may interrupt it and
        whether it is an RCU reader (see <doc:ExecutionModel>); they touch no
        memory. A sleeping primitive raises `sleep-in-atomic` when the CPU has
        IRQs, bottom halves or preemption disabled, holds a spinlock, is inside
        `rcu_read_lock_sched()`, or runs the primitive in softirq or IPI context.
        `flags` arguments must name local variables.
        """

    /// A CPU's IRQ state, bh-disable and preempt counts, and the sleeping
    /// calls that check them (SPEC §2.4).
    static var irq: [PrimitiveEntry] {
        func state(_ name: String, _ operation: CPUOperation, violations: [ViolationKind] = [], summary: String, effect: String) -> PrimitiveEntry {
            PrimitiveEntry(
                name, PrimitiveSignature(.none, []),
                ordering: .none, events: [.context], violations: violations, implementation: "executeCPU",
                summary: summary, effect: effect,
                lowering: .emit(.primitive(.cpu(operation))))
        }
        let sleeping = "Checks that the caller may sleep: with IRQs, bh or preemption disabled, a spinlock held, inside rcu_read_lock_sched or in interrupt context it is sleep-in-atomic."
        return [
            state("local_irq_disable", .irqDisable, summary: "Disables IRQs on this CPU.",
                  effect: "No IPI or softirq interrupts the CPU until IRQs are enabled; under rcu=consolidated the CPU is an RCU reader meanwhile."),
            state("local_irq_enable", .irqEnable, summary: "Enables IRQs on this CPU.", effect: "Pending IPIs and ready RCU callbacks may interrupt the CPU again."),
            PrimitiveEntry(
                "local_irq_save", PrimitiveSignature(.none, [Parameter("flags", .outLocal("unsigned long"))]),
                ordering: .none, events: [.context], implementation: "executeCPU",
                summary: "Saves the IRQ state in flags and disables IRQs.",
                effect: "Stores whether IRQs were disabled in the local flags, then disables them.",
                lowering: .custom { compiler, call in
                    compiler.emit(.primitive(.cpu(.irqSave)))
                    compiler.emit(.storeLocal(call.locals[0]!))
                    return .void
                }),
            PrimitiveEntry(
                "local_irq_restore", PrimitiveSignature(.none, [Parameter("flags", .integer("unsigned long"))]),
                ordering: .none, events: [.context], implementation: "executeCPU",
                summary: "Restores the IRQ state saved in flags.",
                effect: "Disables IRQs when flags says they were disabled, enables them otherwise.",
                lowering: .emit(.primitive(.cpu(.irqRestore)))),
            state("local_bh_disable", .bhDisable, summary: "Disables softirq (bh) processing on this CPU.",
                  effect: "Raises the CPU's bh-disable count: no RCU callback runs on it meanwhile."),
            state("local_bh_enable", .bhEnable, violations: [.warning], summary: "Re-enables softirq (bh) processing on this CPU.",
                  effect: "Lowers the bh-disable count (a warning when it is zero); when it reaches zero in task context, ready RCU callbacks run in softirq before the task goes on."),
            state("preempt_disable", .preemptDisable, summary: "Disables preemption on this CPU.",
                  effect: "Raises the CPU's preempt count; under rcu=consolidated the CPU is an RCU reader meanwhile."),
            state("preempt_enable", .preemptEnable, violations: [.warning], summary: "Re-enables preemption on this CPU.",
                  effect: "Lowers the preempt count; a warning when it is zero."),
            PrimitiveEntry(
                "might_sleep", aliases: ["cond_resched", "schedule"], PrimitiveSignature(.none, []),
                ordering: .none, events: [.context], violations: [.sleepInAtomic], implementation: "executeCPU",
                summary: "Marks a point where the caller may sleep.", effect: sleeping,
                lowering: .emit(.primitive(.cpu(.mightSleep)))),
            PrimitiveEntry(
                "msleep", PrimitiveSignature(.none, [Parameter("msecs", .locating("unsigned int"))]),
                ordering: .none, events: [.context], violations: [.sleepInAtomic], implementation: "executeCPU",
                summary: "Sleeps; time is not modelled.", effect: sleeping,
                lowering: .emit(.primitive(.cpu(.mightSleep)))),
        ]
    }
}
