import GraceFrontend

extension Interpreter {
    /// The atomic RMWs (atomic_*, xchg, cmpxchg, add_unless): one update
    /// of the word through the memory model, in the ordering the IR gives.
    func executeAtomic(_ primitive: Primitive, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        switch primitive {
        case .readModifyWrite(let operation, let result, let ordering, let format):
            let operand = pop(&state, context: context, values: values)
            let pointer = pop(&state, context: context, values: values)
            let rmw = try update(pointer, ordering, &state, &step) { old in operation.apply(old, operand, format: format) }
            if let returned = result.value(old: rmw.old, new: rmw.new ?? rmw.old) { push(returned, &state, context: context, values: values) }
        case .exchange(let ordering, let format):
            let value = format.normalize(pop(&state, context: context, values: values))
            let pointer = pop(&state, context: context, values: values)
            push(try update(pointer, ordering, &state, &step) { _ in value }.old, &state, context: context, values: values)
        case .compareExchange(let ordering, let format):
            let new = format.normalize(pop(&state, context: context, values: values))
            let expected = format.normalize(pop(&state, context: context, values: values))
            let pointer = pop(&state, context: context, values: values)
            push(try update(pointer, ordering, &state, &step) { old in old == expected ? new : nil }.old, &state, context: context, values: values)
        case .addUnless(let format):
            let unless = pop(&state, context: context, values: values)
            let addend = pop(&state, context: context, values: values)
            let pointer = pop(&state, context: context, values: values)
            let rmw = try update(pointer, .full, &state, &step) { old in old == unless ? nil : format.normalize(old &+ addend) }
            push(rmw.new == nil ? 0 : 1, &state, context: context, values: values)
        default:
            break
        }
        return .advanced
    }

    /// The operands of a bit operation: the word's pointer and the bit's
    /// number and mask, or the bug of a bit number outside the word.
    private func bitOperands(_ state: inout MachineState, _ step: Step, values: Int) throws(Violation) -> (pointer: Int64, number: Int64, mask: Int64) {
        let pointer = pop(&state, context: step.context, values: values)
        let number = pop(&state, context: step.context, values: values)
        guard number >= 0, number < 64 else {
            throw Violation(.bug, "bit number \(number) is outside the word")
        }
        return (pointer, number, 1 << number)
    }

    /// test_bit and the page-flag tests: one read of the word.
    func testBit(ordering: AccessOrdering, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let bit = try bitOperands(&state, step, values: values)
        let cell = try resolve(bit.pointer, for: .read, as: .data, state)
        let word = load(cell: cell, ordering, noted: false, &state, &step)
        step.note(.read, "test bit \(bit.number) of \(symbols.cell(cell)) = \(word & bit.mask != 0 ? 1 : 0)")
        push(word & bit.mask != 0 ? 1 : 0, &state, context: step.context, values: values)
        return .advanced
    }

    /// The bit RMWs (set_bit, test_and_clear_bit, SetPageActive, ...): one
    /// atomic update of the word, in the ordering the IR gives.
    func executeBit(_ operation: BitOperation, ordering: RMWOrdering, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let bit = try bitOperands(&state, step, values: values)
        let mask = bit.mask
        let rmw = try update(bit.pointer, ordering, &state, &step) { word in operation.apply(word, mask: mask) }
        if operation.returnsOldBit { push(rmw.old & mask != 0 ? 1 : 0, &state, context: step.context, values: values) }
        return .advanced
    }
}
