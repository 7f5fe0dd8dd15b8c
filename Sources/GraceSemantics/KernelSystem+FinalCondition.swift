import GraceFrontend

/// The values a herd7 final condition reads in a final state, and its truth there.
extension KernelSystem {
    public func value(of location: CompiledLocation, in state: MachineState) -> Int64 {
        switch location {
        case .memory(let cell):
            return state[cell]
        case .register(let thread, let slot):
            let context = layout.context(cpu: thread, level: ContextKind.task.rawValue)
            return state[interpreter.valuesBase(context) + slot]
        }
    }

    public func evaluate(_ proposition: CompiledProposition, in state: MachineState) -> Bool {
        proposition.holds { value(of: $0, in: state) }
    }
}
