import GraceFrontend

extension Interpreter {
    /// Executes one instruction; `pc` has already moved past it.
    func execute(_ instruction: Instruction, in state: inout MachineState, _ step: inout Step,
                 frame: Int, values: Int, function: Int, pc: Int) throws(Violation) -> Outcome {
        let context = step.context
        switch instruction {
        case .push(let value):
            push(value, &state, context: context, values: values)
        case .pop:
            _ = pop(&state, context: context, values: values)
        case .dup:
            let value = pop(&state, context: context, values: values)
            push(value, &state, context: context, values: values)
            push(value, &state, context: context, values: values)
        case .loadLocal(let slot):
            push(state[values + Int(state[frame + 2]) + slot], &state, context: context, values: values)
        case .storeLocal(let slot):
            let value = pop(&state, context: context, values: values)
            state[values + Int(state[frame + 2]) + slot] = value
        case .stackAddress(let offset):
            // The compiler gives every context stack memory when any function has a local there.
            guard let object = stackObject(step) else { preconditionFailure("[grace internal bug] no stack memory for a stack local") }
            push(ValueEncoding.pointer(object: object, generation: 0, offset: Int(state[frame + 3]) + offset), &state, context: context, values: values)
        case .load(let ordering):
            let pointer = pop(&state, context: context, values: values)
            let value = try load(pointer, ordering, noted: !isOwnStack(pointer, step), &state, &step)
            push(value, &state, context: context, values: values)
        case .store(let ordering, let format):
            try executeStore(ordering, format, listDelta: nil, &state, &step, values: values)
        case .storeOverlaid(let format, let listDelta):
            try executeStore(.plain, format, listDelta: listDelta, &state, &step, values: values)
        case .unary(let op):
            let value = pop(&state, context: context, values: values)
            push(op.evaluate(value), &state, context: context, values: values)
        case .binary(let op):
            let right = pop(&state, context: context, values: values)
            let left = pop(&state, context: context, values: values)
            guard let result = op.evaluate(left, right) else {
                return .violation(Violation(.bug, "division by zero"))
            }
            push(result, &state, context: context, values: values)
        case .convert(let format):
            let value = pop(&state, context: context, values: values)
            push(format.normalize(value), &state, context: context, values: values)
        case .offset(let cells):
            let value = pop(&state, context: context, values: values)
            push(value &+ Int64(cells), &state, context: context, values: values)
        case .index(let stride, let bound):
            let index = pop(&state, context: context, values: values)
            let pointer = pop(&state, context: context, values: values)
            if let bound, index < 0 || index >= bound { return outOfBounds(index, bound) }
            push(pointer &+ index &* Int64(stride), &state, context: context, values: values)
        case .jump(let target):
            state[frame + 1] = Int64(target)
        case .jumpIfFalse(let target):
            if pop(&state, context: context, values: values) == 0 { state[frame + 1] = Int64(target) }
        case .jumpIfTrue(let target):
            if pop(&state, context: context, values: values) != 0 { state[frame + 1] = Int64(target) }
        case .call(let callee, let arguments):
            let sp = Int(state[context, .stackPointer])
            let frameCount = Int(state[context, .frameCount])
            let newFrame = context + ContextField.frames.rawValue + frameCount * StateLayout.frameSize
            let base = sp - arguments
            state[newFrame] = Int64(callee)
            state[newFrame + 1] = 0
            state[newFrame + 2] = Int64(base)
            state[newFrame + 3] = state[frame + 3] + Int64(program.functions[function].frameStackSize)
            state[context, .frameCount] = Int64(frameCount + 1)
            state[context, .stackPointer] = Int64(base + program.functions[callee].localCount)
        case .ret(let hasValue):
            let result = hasValue ? pop(&state, context: context, values: values) : 0
            let base = Int(state[frame + 2])
            let sp = Int(state[context, .stackPointer])
            let frameCount = Int(state[context, .frameCount])
            if let object = stackObject(step) {
                let start = program.objects[object].base + Int(state[frame + 3])
                for cell in start..<(start + program.functions[function].frameStackSize) { state[cell] = 0 }
            }
            if frameCount == 1 {
                endContext(&state, &step)
                return .advanced
            }
            for slot in base..<sp { state[values + slot] = 0 }
            for word in 0..<StateLayout.frameSize { state[frame + word] = 0 }
            state[context, .frameCount] = Int64(frameCount - 1)
            state[context, .stackPointer] = Int64(base)
            if hasValue { push(result, &state, context: context, values: values) }
        case .check(let kind):
            if pop(&state, context: context, values: values) != 0 {
                return .violation(Violation.failedCheck(kind, at: program.functions[function].locations[pc], in: program.file))
            }
        case .fence(let kind):
            memory.fence(kind, cpu: step.cpu, state: &state, step: &step)
            if memory.isVisible(kind) { step.note(.fence, kind.kernelName) }
        case .primitive(let primitive):
            return try executePrimitive(primitive, &state, &step, values: values)
        }
        return .advanced
    }

    /// A store; `listDelta` locates a list_head sharing the cells (a union),
    /// which must not be linked while another member is written.
    private func executeStore(_ ordering: AccessOrdering, _ format: IntegerFormat?, listDelta: Int?,
                              _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) {
        var value = pop(&state, context: step.context, values: values)
        let pointer = pop(&state, context: step.context, values: values)
        if let format { value = format.normalize(value) }
        let cell = try resolve(pointer, for: .write, as: .data, state)
        if let violation = checkQueuedHeadWrite(cell, state) { throw violation }
        if let listDelta, isLinkedNode(pointer &+ Int64(listDelta), &state, &step) {
            let list = symbols.value(pointer &+ Int64(listDelta), pointee: .aggregate(TypeTable.listHead))
            throw Violation(.unionMisuse, "write to \(symbols.cell(cell)) while \(list), which shares its cells, is on a list", object: symbols.object(ofCell: cell))
        }
        store(cell: cell, value, ordering, noted: !isOwnStack(pointer, step), &state, &step)
    }

    func outOfBounds(_ index: Int64, _ count: Int) -> Outcome {
        .violation(Violation(.bug, "index \(index) is out of bounds of an array of \(count)"))
    }

    /// A context's code has returned: a task keeps the locals the final
    /// condition reads; an interrupt context disappears.
    func endContext(_ state: inout MachineState, _ step: inout Step) {
        let context = step.context
        let values = valuesBase(context)
        var kept: [(Int, Int64)] = []
        if step.level == ContextKind.hardirq.rawValue {
            // The handler returns by iret, which serializes: its stores are
            // in memory before the sender sees it done.
            memory.fence(.full, cpu: step.cpu, state: &state, step: &step)
            acknowledgeIPI(sender: state[context, .waitArgument], cpu: step.cpu, &state)
        }
        if step.level == ContextKind.task.rawValue, let thread = program.threads.first(where: { $0.index == step.cpu }) {
            kept = thread.keptLocals.map { ($0, state[values + $0]) }
        }
        for word in context..<(context + layout.contextSize) { state[word] = 0 }
        if step.level == ContextKind.task.rawValue {
            state[status: context] = .finished
            for (slot, value) in kept { state[values + slot] = value }
            let cpu = step.cpu
            step.note(.context, "P\(cpu) finishes")
        } else {
            let name = ContextKind(rawValue: step.level)!.name
            step.note(.context, "\(name) returns to the interrupted context")
        }
    }
}
