import GraceFrontend

extension Interpreter {
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

    func executeAtomic(_ primitive: Primitive, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
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

    /// The operands of a bit operation: the word's pointer and the bit's
    /// number and mask, or the bug of a bit number outside the word.
    private func bitOperands(_ state: inout MachineState, _ step: Step, values: Int) -> Result<(pointer: Int64, number: Int64, mask: Int64), Violation> {
        let pointer = pop(&state, context: step.context, values: values)
        let number = pop(&state, context: step.context, values: values)
        guard number >= 0, number < 64 else {
            return .failure(Violation(.bug, "bit number \(number) is outside the word"))
        }
        return .success((pointer, number, 1 << number))
    }

    /// test_bit and the page-flag tests: one read of the word.
    func testBit(ordering: AccessOrdering, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let bit: (pointer: Int64, number: Int64, mask: Int64)
        switch bitOperands(&state, step, values: values) {
        case .failure(let violation): return .violation(violation)
        case .success(let operands): bit = operands
        }
        switch resolve(bit.pointer, access: "read", state) {
        case .failure(let violation): return .violation(violation)
        case .success(let cell):
            let word = memory.load(cell: cell, ordering: ordering, cpu: step.cpu, state: &state)
            step.note(.read, "test bit \(bit.number) of \(symbols.cell(cell)) = \(word & bit.mask != 0 ? 1 : 0)", object: symbols.object(ofCell: cell))
            push(word & bit.mask != 0 ? 1 : 0, &state, context: step.context, values: values)
        }
        return .advanced
    }

    /// The bit RMWs (set_bit, test_and_clear_bit, SetPageActive, ...): one
    /// atomic update of the word.
    func executeBit(_ operation: BitOperation, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let mask: Int64
        let pointer: Int64
        switch bitOperands(&state, step, values: values) {
        case .failure(let violation): return .violation(violation)
        case .success(let operands): (pointer, mask) = (operands.pointer, operands.mask)
        }
        let outcome = update(pointer, &state, &step) { word in operation.apply(word, mask: mask) }
        switch outcome {
        case .failure(let violation): return .violation(violation)
        case .success(let result):
            if operation.returnsOldBit { push(result.old & mask != 0 ? 1 : 0, &state, context: step.context, values: values) }
        }
        return .advanced
    }
}
