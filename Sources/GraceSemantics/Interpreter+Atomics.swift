import GraceFrontend

extension Interpreter {
    func executePrimitive(_ primitive: Primitive, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        switch primitive {
        case .readModifyWrite, .exchange, .compareExchange, .addUnless:
            return executeAtomic(primitive, &state, &step, values: values)
        case .bit(let operation, _):
            return executeBit(operation, &state, &step, values: values)
        case .testBit:
            return executeBit(nil, &state, &step, values: values)
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
        case .tlb(let operation):
            return executeTLB(operation, &state, &step, values: values)
        case .ipi(let operation):
            return executeIPI(operation, &state, &step, values: values)
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

    /// Reads and writes one cell atomically, as the RMW primitives do.
    private func update(_ pointer: Int64, _ state: inout MachineState, _ step: inout Step,
                        _ transform: (Int64) -> Int64?) -> Result<(old: Int64, new: Int64?, cell: Int), Violation> {
        switch resolve(pointer, access: "update", state) {
        case .failure(let violation): return .failure(violation)
        case .success(let cell):
            if let violation = checkQueuedHeadWrite(cell, state) { return .failure(violation) }
            let old = memory.load(cell: cell, ordering: .once, cpu: step.cpu, state: &state)
            let new = transform(old)
            if let new, new == old {
                memory.store(cell: cell, value: new, ordering: .once, cpu: step.cpu, state: &state)
                step.note(.update, "\(symbols.cell(cell)) = \(symbols.value(old, in: cell)) (unchanged)", object: symbols.object(ofCell: cell))
            } else if let new {
                memory.store(cell: cell, value: new, ordering: .once, cpu: step.cpu, state: &state)
                step.note(.update, "\(symbols.cell(cell)): \(symbols.value(old, in: cell)) -> \(symbols.value(new, in: cell))", object: symbols.object(ofCell: cell))
            } else {
                step.note(.read, "read \(symbols.cell(cell)) = \(symbols.value(old, in: cell)) (unchanged)", object: symbols.object(ofCell: cell))
            }
            return .success((old, new, cell))
        }
    }

    private func executeAtomic(_ primitive: Primitive, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        switch primitive {
        case .readModifyWrite(let operation, let result, _, let format):
            let operand = pop(&state, context: context, values: values)
            let pointer = pop(&state, context: context, values: values)
            let outcome = update(pointer, &state, &step) { old in operation.apply(old, operand, format: format) }
            guard case .success(let (old, new, _)) = outcome else {
                if case .failure(let violation) = outcome { return .violation(violation) }
                return .advanced
            }
            if let returned = result.value(old: old, new: new ?? old) { push(returned, &state, context: context, values: values) }
        case .exchange(_, let format):
            let value = format.normalize(pop(&state, context: context, values: values))
            let pointer = pop(&state, context: context, values: values)
            switch update(pointer, &state, &step, { _ in value }) {
            case .failure(let violation): return .violation(violation)
            case .success(let result): push(result.old, &state, context: context, values: values)
            }
        case .compareExchange(_, let format):
            let new = format.normalize(pop(&state, context: context, values: values))
            let expected = format.normalize(pop(&state, context: context, values: values))
            let pointer = pop(&state, context: context, values: values)
            switch update(pointer, &state, &step, { old in old == expected ? new : nil }) {
            case .failure(let violation): return .violation(violation)
            case .success(let result): push(result.old, &state, context: context, values: values)
            }
        case .addUnless(let format):
            let unless = pop(&state, context: context, values: values)
            let addend = pop(&state, context: context, values: values)
            let pointer = pop(&state, context: context, values: values)
            switch update(pointer, &state, &step, { old in old == unless ? nil : format.normalize(old &+ addend) }) {
            case .failure(let violation): return .violation(violation)
            case .success(let result): push(result.new == nil ? 0 : 1, &state, context: context, values: values)
            }
        default:
            break
        }
        return .advanced
    }

    /// Bit operations; `nil` is test_bit.
    private func executeBit(_ operation: BitOperation?, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        let pointer = pop(&state, context: context, values: values)
        let number = pop(&state, context: context, values: values)
        guard number >= 0, number < 64 else {
            return .violation(Violation(.bug, "bit number \(number) is outside the word"))
        }
        let mask: Int64 = 1 << number
        guard let operation else {
            switch resolve(pointer, access: "read", state) {
            case .failure(let violation): return .violation(violation)
            case .success(let cell):
                let word = memory.load(cell: cell, ordering: .once, cpu: step.cpu, state: &state)
                step.note(.read, "test bit \(number) of \(symbols.cell(cell)) = \(word & mask != 0 ? 1 : 0)", object: symbols.object(ofCell: cell))
                push(word & mask != 0 ? 1 : 0, &state, context: context, values: values)
            }
            return .advanced
        }
        let outcome = update(pointer, &state, &step) { word in operation.apply(word, mask: mask) }
        switch outcome {
        case .failure(let violation): return .violation(violation)
        case .success(let result):
            if operation.returnsOldBit { push(result.old & mask != 0 ? 1 : 0, &state, context: context, values: values) }
        }
        return .advanced
    }
}
