import GraceFrontend
import GraceSemantics

extension ThreadRunner {
    /// Executes one instruction (pc has moved past it); returns a request
    /// when the instruction needs the explorer.
    mutating func execute(_ instruction: Instruction, _ context: RunnerContext, function: Int, pc: Int) -> ThreadRequest? {
        let frame = frames[frames.count - 1]
        switch instruction {
        case .push(let value):
            push(TaintedValue(value))
        case .pop:
            _ = popValue()
        case .dup:
            push(values[values.count - 1])
        case .loadLocal(let slot):
            push(values[frame.base + slot])
        case .storeLocal(let slot):
            let value = popValue()
            setValue(value, at: frame.base + slot)
        case .stackAddress(let offset):
            guard let object = stackObject else {
                return stop(Violation(.bug, "[grace internal bug] no stack memory"), context, function: function, pc: pc)
            }
            push(TaintedValue(ValueEncoding.pointer(object: object, generation: 0, offset: frame.stackBase + offset)))
        case .load(let ordering):
            let pointer = popValue()
            if let offset = ownStackOffset(pointer.value, context) {
                push(stackCell(offset))
                return nil
            }
            switch context.resolve(pointer.value, access: "read") {
            case .failure(let violation): return stop(violation, context, function: function, pc: pc)
            case .success(let cell):
                return .read(cell: cell, tag: ordering.eventTag, bit: nil, dependencies(address: pointer.dependencies))
            }
        case .store(let ordering, let format):
            return store(ordering, format, context, function: function, pc: pc)
        case .storeOverlaid(let format, _):
            return store(.plain, format, context, function: function, pc: pc)
        case .unary(let op):
            let value = popValue()
            push(TaintedValue(op.evaluate(value.value), value.dependencies))
        case .binary(let op):
            let right = popValue(), left = popValue()
            guard let result = op.evaluate(left.value, right.value) else {
                return stop(Violation(.bug, "division by zero"), context, function: function, pc: pc)
            }
            push(TaintedValue(result, left.dependencies.union(right.dependencies)))
        case .convert(let format):
            let value = popValue()
            push(TaintedValue(format.normalize(value.value), value.dependencies))
        case .offset(let cells):
            let value = popValue()
            push(TaintedValue(value.value &+ Int64(cells), value.dependencies))
        case .index(let stride, let bound):
            let index = popValue(), pointer = popValue()
            if let bound, index.value < 0 || index.value >= bound {
                return stop(Violation(.bug, "index \(index.value) is out of bounds of an array of \(bound)"), context, function: function, pc: pc)
            }
            push(TaintedValue(pointer.value &+ index.value &* Int64(stride), pointer.dependencies.union(index.dependencies)))
        case .jump(let target):
            setPC(target)
        case .jumpIfFalse(let target):
            let condition = popValue()
            branch(on: condition, function: function, pc: pc, context)
            if condition.value == 0 { setPC(target) }
        case .jumpIfTrue(let target):
            let condition = popValue()
            branch(on: condition, function: function, pc: pc, context)
            if condition.value != 0 { setPC(target) }
        case .call(let callee, let arguments):
            let base = values.count - arguments
            let stackBase = frame.stackBase + context.program.functions[function].frameStackSize
            let locals = context.program.functions[callee].localCount
            enter(Frame(function: callee, pc: 0, localCount: locals, base: base, stackBase: stackBase), locals: locals)
        case .ret(let hasValue):
            let result = hasValue ? popValue() : nil
            clearStack(from: frame.stackBase, count: context.program.functions[function].frameStackSize)
            if frames.count == 1 {
                finish()
                return .finished
            }
            leave()
            if let result { push(result) }
        case .check(let kind):
            if popValue().value != 0 {
                return stop(Violation.failedCheck(kind, at: context.program.functions[function].locations[pc], in: context.program.file),
                            context, function: function, pc: pc)
            }
        case .fence(let kind):
            return .fence(kind.eventTag, cell: nil, dependencies(address: DependencySet()))
        case .primitive(let primitive):
            return execute(primitive, context, function: function, pc: pc)
        }
        return nil
    }

    private mutating func store(_ ordering: AccessOrdering, _ format: IntegerFormat?, _ context: RunnerContext, function: Int, pc: Int) -> ThreadRequest? {
        var value = popValue()
        let pointer = popValue()
        if let format { value.value = format.normalize(value.value) }
        if let offset = ownStackOffset(pointer.value, context) {
            setStackCell(offset, value)
            return nil
        }
        switch context.resolve(pointer.value, access: "write") {
        case .failure(let violation): return stop(violation, context, function: function, pc: pc)
        case .success(let cell):
            return .write(cell: cell, value: value.value, tag: ordering.eventTag,
                          dependencies(address: pointer.dependencies, data: value.dependencies))
        }
    }

    /// The offset into this thread's stack object a pointer designates, if it does.
    private func ownStackOffset(_ pointer: Int64, _ context: RunnerContext) -> Int? {
        guard let own = stackObject, ValueEncoding.object(of: pointer) == own else { return nil }
        return ValueEncoding.offset(of: pointer)
    }

    private mutating func execute(_ primitive: Primitive, _ context: RunnerContext, function: Int, pc: Int) -> ThreadRequest? {
        switch primitive {
        case .readModifyWrite(let operation, let result, let ordering, let format):
            let operand = popValue()
            return atomic(.operation(operation, operand: operand.value, result: result), ordering, format, data: operand.dependencies,
                          pointer: popValue(), context, function: function, pc: pc)
        case .exchange(let ordering, let format):
            let new = popValue()
            return atomic(.exchange(format.normalize(new.value)), ordering, format, data: new.dependencies,
                          pointer: popValue(), context, function: function, pc: pc)
        case .compareExchange(let ordering, let format):
            let new = popValue(), expected = popValue()
            return atomic(.compareExchange(expected: format.normalize(expected.value), new: format.normalize(new.value)), ordering, format,
                          data: new.dependencies.union(expected.dependencies), pointer: popValue(), context, function: function, pc: pc)
        case .addUnless(let format):
            let unless = popValue(), addend = popValue()
            return atomic(.addUnless(addend: addend.value, unless: unless.value), .full, format,
                          data: addend.dependencies.union(unless.dependencies), pointer: popValue(), context, function: function, pc: pc)
        case .bit(let operation, let ordering):
            let pointer = popValue(), number = popValue()
            guard number.value >= 0, number.value < 64 else {
                return stop(Violation(.bug, "bit number \(number.value) is outside the word"), context, function: function, pc: pc)
            }
            return atomic(.bit(operation, mask: 1 << number.value), ordering, .long, data: number.dependencies,
                          pointer: pointer, context, function: function, pc: pc)
        case .testBit(let ordering):
            let pointer = popValue(), number = popValue()
            guard number.value >= 0, number.value < 64 else {
                return stop(Violation(.bug, "bit number \(number.value) is outside the word"), context, function: function, pc: pc)
            }
            switch context.resolve(pointer.value, access: "read") {
            case .failure(let violation): return stop(violation, context, function: function, pc: pc)
            case .success(let cell):
                return .read(cell: cell, tag: ordering.eventTag, bit: 1 << number.value,
                             dependencies(address: pointer.dependencies.union(number.dependencies)))
            }
        case .lock(let operation):
            let pointer = popValue()
            switch context.resolve(pointer.value, access: "lock access") {
            case .failure(let violation): return stop(violation, context, function: function, pc: pc)
            case .success(let cell): return .lock(cell: cell, operation, dependencies(address: pointer.dependencies))
            }
        case .rcu(.readLock(.normal)):
            return .fence(.rcuLock, cell: nil, dependencies(address: DependencySet()))
        case .rcu(.readUnlock(.normal)):
            return .fence(.rcuUnlock, cell: nil, dependencies(address: DependencySet()))
        case .rcu(.synchronize(.normal)):
            if let violation = sleepingInAtomic("synchronize_rcu") { return stop(violation, context, function: function, pc: pc) }
            return .fence(.syncRCU, cell: nil, dependencies(address: DependencySet()))
        case .cpu(let operation):
            return cpu(operation, context, function: function, pc: pc)
        // linux-kernel.def: srcu_read_lock reads the srcu_struct and returns
        // what it read; srcu_read_unlock writes the index back, its data
        // dependency matching the pair (linux-kernel.bell's srcu-rscs).
        case .rcu(.srcuReadLock):
            let pointer = popValue()
            switch context.resolve(pointer.value, access: "SRCU read lock") {
            case .failure(let violation): return stop(violation, context, function: function, pc: pc)
            case .success(let cell): return .read(cell: cell, tag: .srcuLock, bit: nil, dependencies(address: pointer.dependencies))
            }
        case .rcu(.srcuReadUnlock):
            let index = popValue(), pointer = popValue()
            switch context.resolve(pointer.value, access: "SRCU read unlock") {
            case .failure(let violation): return stop(violation, context, function: function, pc: pc)
            case .success(let cell):
                return .write(cell: cell, value: index.value, tag: .srcuUnlock, dependencies(address: pointer.dependencies, data: index.dependencies))
            }
        case .rcu(.srcuSynchronize):
            let pointer = popValue()
            switch context.resolve(pointer.value, access: "synchronize_srcu") {
            case .failure(let violation): return stop(violation, context, function: function, pc: pc)
            case .success(let cell): return .fence(.srcuSync, cell: cell, dependencies(address: pointer.dependencies))
            }
        case .rcu(.call(.normal)):
            let callback = popValue(), head = popValue()
            guard let callee = ValueEncoding.functionIndex(of: callback.value), callee < context.program.functions.count else {
                return stop(Violation(.bug, "call_rcu with \(context.symbols.value(callback.value)), which is not a function"), context, function: function, pc: pc)
            }
            switch context.resolve(head.value, access: "call_rcu") {
            case .failure(let violation): return stop(violation, context, function: function, pc: pc)
            case .success(let cell):
                return .callRCU(headCell: cell, head: head.value, function: callee, dependencies(address: head.dependencies, data: callback.dependencies))
            }
        case .memory(let operation):
            return memory(operation, context, function: function, pc: pc)
        // A flush in a model without TLB walks drops no translation anyone
        // uses; what is left is its ordering: every architecture's flush
        // is a full barrier on the flushing CPU (x86's IPI round trip or
        // invlpg, arm64's dsb ish, powerpc's ptesync and tlbie).
        case .tlb(.flush):
            return .fence(.mb, cell: nil, dependencies(address: DependencySet()))
        case .choose:
            return .choose(Int(max(0, popValue().value)))
        default:
            return stop(Violation(.bug, "[grace internal bug] \(primitive) reached the graph explorer"), context, function: function, pc: pc)
        }
    }

    /// A sleeping primitive's atomic-context check, as the state explorer's.
    private func sleepingInAtomic(_ what: String) -> Violation? {
        var reasons: [String] = []
        if irqsDisabled { reasons.append("IRQs disabled") }
        if bhDisabled > 0 { reasons.append("bh disabled") }
        if preemptDisabled > 0 { reasons.append("preemption disabled") }
        if !heldLocks.isEmpty { reasons.append("a spinlock held") }
        if thread != cpu { reasons.append("in softirq context") }
        guard !reasons.isEmpty else { return nil }
        return Violation(.sleepInAtomic, "\(what) may sleep, but CPU\(cpu) is atomic: \(reasons.joined(separator: ", "))")
    }

    /// IRQ, bh and preemption state. Under `rcu=consolidated` a region
    /// with any of them disabled is an RCU read-side critical section
    /// (SPEC 2.7): its start and end are rcu_read_lock and rcu_read_unlock
    /// events. Under `pre-4.20` such a region is a reader only of the sched
    /// flavour, which the graph explorer does not run, and adds no event.
    private mutating func cpu(_ operation: CPUOperation, _ context: RunnerContext, function: Int, pc: Int) -> ThreadRequest? {
        let wasAtomic = isAtomic
        switch operation {
        case .mightSleep:
            if let violation = sleepingInAtomic("a sleeping call") { return stop(violation, context, function: function, pc: pc) }
        case .irqDisable: irqsDisabled = true
        case .irqEnable: irqsDisabled = false
        case .irqSave:
            push(TaintedValue(irqsDisabled ? 1 : 0))
            irqsDisabled = true
        case .irqRestore: irqsDisabled = popValue().value != 0
        case .bhDisable: bhDisabled += 1
        case .bhEnable:
            guard bhDisabled > 0 else {
                return stop(Violation(.warning, "local_bh_enable() without local_bh_disable() on CPU\(cpu)"), context, function: function, pc: pc)
            }
            bhDisabled -= 1
        case .preemptDisable: preemptDisabled += 1
        case .preemptEnable:
            guard preemptDisabled > 0 else {
                return stop(Violation(.warning, "preempt_enable() without preempt_disable() on CPU\(cpu)"), context, function: function, pc: pc)
            }
            preemptDisabled -= 1
        }
        guard context.program.config.rcu == .consolidated, isAtomic != wasAtomic else { return nil }
        return .fence(isAtomic ? .rcuLock : .rcuUnlock, cell: nil, dependencies(address: DependencySet()))
    }

    /// The page primitives the graph explorer runs: freeing, and the
    /// conversions between a page and its contents, which touch no memory.
    private mutating func memory(_ operation: MemoryOperation, _ context: RunnerContext, function: Int, pc: Int) -> ThreadRequest? {
        let pointer = popValue()
        let object = ValueEncoding.object(of: pointer.value).flatMap { $0 < context.program.objects.count ? $0 : nil }
        let info = object.map { context.program.objects[$0] }
        switch operation {
        case .freePage, .freePageAddress, .putPage:
            guard let object, let info else {
                if pointer.value == 0, operation != .putPage { return nil }
                return stop(Violation(.bug, "freeing \(context.symbols.value(pointer.value)), which is not an object"), context, function: function, pc: pc)
            }
            guard info.kind == .page else {
                return .limitReached("freeing \(info.name), which is not a page, is not supported under weak memory yet")
            }
            let expected = operation == .freePageAddress ? info.contentsOffset : 0
            guard ValueEncoding.offset(of: pointer.value) == expected else {
                return stop(Violation(.bug, "freeing \(context.symbols.value(pointer.value)), which is not the start of \(info.name)", object: object),
                            context, function: function, pc: pc)
            }
            return .free(object: object, dependencies(address: pointer.dependencies))
        case .pageAddress, .virtToPage:
            guard let object, let info, info.kind == .page else {
                let name = operation == .pageAddress ? "page_address" : "virt_to_page"
                return stop(Violation(.bug, "\(name) of \(context.symbols.value(pointer.value)), which is not \(operation == .pageAddress ? "a struct page" : "in a page")"),
                            context, function: function, pc: pc)
            }
            let offset = operation == .pageAddress ? info.contentsOffset : 0
            push(TaintedValue(ValueEncoding.pointer(object: object, generation: ValueEncoding.generation(of: pointer.value), offset: offset), pointer.dependencies))
            return nil
        default:
            return stop(Violation(.bug, "[grace internal bug] \(operation) reached the graph explorer"), context, function: function, pc: pc)
        }
    }

    /// An RMW on the cell `pointer` designates.
    private mutating func atomic(_ update: AtomicRequest.Update, _ ordering: RMWOrdering, _ format: IntegerFormat, data: DependencySet,
                                 pointer: TaintedValue, _ context: RunnerContext, function: Int, pc: Int) -> ThreadRequest? {
        switch context.resolve(pointer.value, access: "update") {
        case .failure(let violation): return stop(violation, context, function: function, pc: pc)
        case .success(let cell):
            return .atomic(AtomicRequest(cell: cell, update: update, ordering: ordering, format: format,
                                         dependencies: dependencies(address: pointer.dependencies, data: data)))
        }
    }
}
