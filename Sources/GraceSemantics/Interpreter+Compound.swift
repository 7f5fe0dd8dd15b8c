import GraceFrontend

/// Compound pages: a head page with PG_head and the tail pages after it,
/// each of whose compound_head holds the head's address + 1. Grace's pages
/// are separate objects; the pages of a compound page are the ones declared
/// one after another from its head, as a huge pmd's block is.
extension Interpreter {
    func executeCompound(_ operation: MemoryOperation, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        if operation == .compoundHead {
            let pointer = pop(&state, context: context, values: values)
            guard pageObject(pointer) != nil else { throw Violation(.bug, "compound_head of \(symbols.value(pointer)), which is not a struct page") }
            let head = try load(pointer &+ Int64(KernelStructs.Page.compoundHead), .once, noted: false, &state, &step)
            push(head & 1 != 0 ? head &- 1 : pointer, &state, context: context, values: values)
            return .advanced
        }
        let order = pop(&state, context: context, values: values)
        let pointer = pop(&state, context: context, values: values)
        guard let head = pageObject(pointer) else { throw Violation(.bug, "prep_compound_page of \(symbols.value(pointer)), which is not a struct page") }
        let count = 1 << Int(order)
        for index in 1..<count {
            let object = head + index
            guard object < program.objects.count, program.objects[object].kind == .page, program.objects[object].isDeclared else {
                throw Violation(.bug, "prep_compound_page(\(program.objects[head].name), \(order)) needs \(count) pages declared one after another from \(program.objects[head].name); the model declares \(index)", object: head)
            }
        }
        // __SetPageHead(), one update of the flags as __set_bit() is here,
        // and set_compound_head() on each tail.
        let flags = program.objects[head].base + KernelStructs.Page.flags
        update(cell: flags, .relaxed, as: .pageFlags, noted: false, &state, &step) { $0 | PageFlag.head.mask }
        step.note(.write, "set PG_head of \(program.objects[head].name)")
        for index in 1..<count {
            let cell = program.objects[head + index].base + KernelStructs.Page.compoundHead
            store(cell: cell, pointer &+ 1, .once, noted: false, &state, &step)
            step.note(.write, "\(symbols.cell(cell)) = \(program.objects[head].name) + 1: a tail page")
        }
        return .advanced
    }
}
