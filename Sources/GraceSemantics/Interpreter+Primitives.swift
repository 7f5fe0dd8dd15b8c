import GraceFrontend

extension Interpreter {
    /// Executes a primitive: each kind of primitive has its function, which
    /// the catalogue entries of the primitives compiling to it name.
    func executePrimitive(_ primitive: Primitive, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        switch primitive {
        case .readModifyWrite, .exchange, .compareExchange, .addUnless:
            return executeAtomic(primitive, &state, &step, values: values)
        case .bit(let operation, _):
            return executeBit(operation, &state, &step, values: values)
        case .testBit(let ordering):
            return testBit(ordering: ordering, &state, &step, values: values)
        case .lock(let operation):
            return executeLock(operation, &state, &step, values: values)
        case .list(let operation):
            return executeList(operation, &state, &step, values: values)
        case .rcu(let operation):
            return executeRCU(operation, &state, &step, values: values)
        case .memory(let operation):
            return executeMemory(operation, &state, &step, values: values)
        case .cpu(let operation):
            return executeCPU(operation, &state, &step, values: values)
        case .tlb(.flush):
            return flushTLB(&state, &step)
        case .tlb(.walk):
            return walkTLB(&state, &step, values: values)
        case .ipi(.send):
            return sendIPI(&state, &step, values: values)
        case .mm(let operation):
            return executeMM(operation, &state, &step, values: values)
        case .choose:
            let count = pop(&state, context: step.context, values: values)
            let value = step.choices.choose(Int(count))
            step.note(.note, "choose(\(count)) = \(value)")
            push(Int64(value), &state, context: step.context, values: values)
            return .advanced
        }
    }
}
