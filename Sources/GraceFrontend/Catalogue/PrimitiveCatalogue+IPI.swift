extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let ipiIntroduction = """
        An IPI runs its handler in IPI (hardirq) context on each other CPU,
        including idle ones, at a point where that CPU has IRQs enabled. Each CPU
        has one pending IPI at a time: a sender waits while a target still has
        one. Sending with IRQs disabled is a violation, since two CPUs doing it can
        wait for each other forever.
        """

    /// Inter-processor interrupts (SPEC §2.4): a handler runs on every other
    /// CPU in hardirq context when that CPU has IRQs enabled.
    static var ipi: [PrimitiveEntry] {
        let parameters = [
            Parameter("func", .callback("smp_call_func_t", Callback(expectation: "a function", takesOne: nil))),
            Parameter("info", .value("void *")), Parameter("wait", .integer("int")),
        ]
        let sending = "Posts func(info) to every other CPU, which runs it at an interruption point with IRQs enabled (one IPI a CPU at a time: a second sender waits); with wait the sender blocks until all have run it. A round trip is a full barrier on both sides. Sending with IRQs disabled is ipi-with-irqs-off."
        let violations: [ViolationKind] = [.ipiWithIRQsOff, .deadlock]
        return [
            PrimitiveEntry(
                "smp_call_function", PrimitiveSignature(.none, parameters),
                ordering: .fullyOrdered, events: [.context], violations: violations, implementation: "sendIPI",
                summary: "Runs func(info) on every other CPU, waiting for them when wait is set.", effect: sending,
                lowering: .emit(.primitive(.ipi(.send)))),
            PrimitiveEntry(
                "on_each_cpu", PrimitiveSignature(.none, parameters),
                ordering: .fullyOrdered, events: [.context], violations: violations, implementation: "sendIPI",
                summary: "Runs func(info) on every CPU: the others by IPI, this one with IRQs disabled.",
                effect: sending + " Then this CPU calls func(info) itself with IRQs saved and disabled; func must be a named function taking one argument.",
                lowering: .custom { compiler, call in compiler.onEachCPU(call) }),
            PrimitiveEntry(
                "kick_all_cpus_sync", PrimitiveSignature(.none, [], operands: [.constant(ValueEncoding.noHandler), .constant(0), .constant(1)]),
                ordering: .fullyOrdered, events: [.context], violations: violations, implementation: "sendIPI",
                summary: "Interrupts every other CPU with an empty IPI and waits for all of them.",
                effect: "As smp_call_function with an empty handler and wait set: it returns once every other CPU has had IRQs enabled.",
                lowering: .emit(.primitive(.ipi(.send)))),
        ]
    }
}
