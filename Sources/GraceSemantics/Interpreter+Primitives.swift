import GraceFrontend

extension Interpreter {
    /// Executes a primitive: each kind of primitive has its function, which
    /// the catalogue entries of the primitives compiling to it name.
    func executePrimitive(_ primitive: Primitive, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        switch primitive {
        case .readModifyWrite, .exchange, .compareExchange, .addUnless:
            return try executeAtomic(primitive, &state, &step, values: values)
        case .bit(let operation, let ordering):
            return try executeBit(operation, ordering: ordering, &state, &step, values: values)
        case .testBit(let ordering):
            return try testBit(ordering: ordering, &state, &step, values: values)
        case .lock(let operation):
            return try executeLock(operation, &state, &step, values: values)
        case .list(let operation):
            return try executeList(operation, &state, &step, values: values)
        case .rcu(let operation):
            return try executeRCU(operation, &state, &step, values: values)
        case .memory(let operation):
            return try executeMemory(operation, &state, &step, values: values)
        case .cpu(let operation):
            return executeCPU(operation, &state, &step, values: values)
        case .tlb(.flush):
            return flushTLB(&state, &step)
        case .tlb(.walk):
            return try walkTLB(&state, &step, values: values)
        case .tlb(.read(let level)):
            return try accessThroughMMU(level, isWrite: false, &state, &step, values: values)
        case .tlb(.write(let level)):
            return try accessThroughMMU(level, isWrite: true, &state, &step, values: values)
        case .ipi(.send):
            return sendIPI(&state, &step, values: values)
        case .mm(let operation):
            return try executeMM(operation, &state, &step, values: values)
        case .refcount(let operation):
            return try executeRefcount(operation, &state, &step, values: values)
        case .choose:
            let count = pop(&state, context: step.context, values: values)
            let value = step.choices.choose(Int(count))
            step.note(.note, "choose(\(count)) = \(value)")
            push(Int64(value), &state, context: step.context, values: values)
            return .advanced
        }
    }
}
