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
        switch proposition {
        case .constant(let value): return value
        case .compare(let location, let equal, let constant): return (value(of: location, in: state) == constant) == equal
        case .compareLocations(let left, let equal, let right): return (value(of: left, in: state) == value(of: right, in: state)) == equal
        case .and(let a, let b): return evaluate(a, in: state) && evaluate(b, in: state)
        case .or(let a, let b): return evaluate(a, in: state) || evaluate(b, in: state)
        case .not(let inner): return !evaluate(inner, in: state)
        }
    }
}
