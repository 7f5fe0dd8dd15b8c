import GraceFrontend

extension Interpreter {
    // MARK: Lifetimes

    @inline(__always)
    func isAlive(_ object: Int, _ state: MachineState) -> Bool {
        state[layout.lifetimeBase + object] & 1 != 0
    }

    @inline(__always)
    func generation(_ object: Int, _ state: MachineState) -> Int {
        Int(state[layout.lifetimeBase + object] >> 1)
    }

    /// The cell a pointer designates, or the violation of touching it.
    func resolve(_ pointer: Int64, access: String, _ state: MachineState) -> Result<Int, Violation> {
        guard let object = ValueEncoding.object(of: pointer), object < program.objects.count else {
            return .failure(Violation(.bug, badPointerMessage(pointer, access: access)))
        }
        let info = program.objects[object]
        let offset = ValueEncoding.offset(of: pointer)
        guard offset < info.size else {
            if info.kind == .page {
                return .failure(Violation(.bug, "\(access) beyond the end of \(info.name)'s contents (word \(offset - info.contentsOffset) of \(info.size - info.contentsOffset))", object: object))
            }
            return .failure(Violation(.bug, "\(access) beyond the end of \(info.name) (cell \(offset) of \(info.size))", object: object))
        }
        if info.isLifetimeChecked(offset: offset),
           !isAlive(object, state) || generation(object, state) != ValueEncoding.generation(of: pointer) {
            let what = symbols.cell(info.base + offset)
            let reused = isAlive(object, state) ? " (it has since been allocated again)" : ""
            return .failure(Violation(.useAfterFree, "\(access) of \(what) after \(info.name) was freed\(reused)", object: object))
        }
        return .success(info.base + offset)
    }

    func badPointerMessage(_ pointer: Int64, access: String) -> String {
        switch pointer {
        case 0: return "NULL pointer dereference (\(access))"
        case ValueEncoding.listPoison1, ValueEncoding.listPoison2: return "\(access) through LIST_POISON: a deleted list entry was followed"
        case 1..<4096: return "\(access) through a NULL-based pointer (address \(pointer))"
        default: return "\(access) through \(symbols.value(pointer)), which is not a pointer to an object"
        }
    }

    /// Writing into an rcu_head that call_rcu has queued corrupts RCU's list.
    func checkQueuedHeadWrite(_ cell: Int, _ state: MachineState) -> Violation? {
        let count = Int(state[layout.queueBase])
        guard count > 0 else { return nil }
        for entry in 0..<count {
            let head = state[layout.queueEntry(entry), .head]
            guard let object = ValueEncoding.object(of: head) else { continue }
            let headCell = program.objects[object].base + ValueEncoding.offset(of: head)
            if cell >= headCell && cell < headCell + KernelStructs.RCUHead.size {
                return Violation(.unionMisuse, "write to \(symbols.cell(cell)) while \(symbols.value(head, pointee: .aggregate(TypeTable.rcuHead))) is queued by call_rcu (the rcu_head overlays it)", object: object)
            }
        }
        return nil
    }

    // MARK: Allocation

    /// What an allocation came to.
    enum Allocation {
        case page(Int)
        /// The gfp flags let the allocation fail, and this run explores that.
        case failed
        /// Every page of the pool is in use. The kernel would find another
        /// page; Grace has no more, so it cannot say what happens next.
        case poolExhausted
    }

    /// Allocates a page: a never-used pool page (they are interchangeable, so
    /// only the first is tried), or any freed page, or for gfp flags that allow
    /// it a failure.
    func allocatePage(gfp: Int64, _ state: inout MachineState, _ step: inout Step) -> Allocation {
        var candidates: [Int] = []
        var freshTaken = false
        for (index, object) in program.objects.enumerated() where object.kind == .page && !isAlive(index, state) {
            let neverUsed = !object.isDeclared && generation(index, state) == 0
            if neverUsed {
                if freshTaken { continue }
                freshTaken = true
            }
            candidates.append(index)
        }
        let mayFail = gfp & KernelConstants.GFP.mayFail != 0
        let options = candidates.count + (mayFail ? 1 : 0)
        guard options > 0 else { return .poolExhausted }
        let choice = step.choices.choose(options)
        if choice == candidates.count {
            step.note(.alloc, "allocation fails (\(mayFail ? "GFP_NOWAIT/GFP_ATOMIC" : "gfp")): returns NULL")
            return .failed
        }
        let object = candidates[choice]
        let info = program.objects[object]
        let newGeneration = (generation(object, state) + 1) & 0xFFFF
        state[layout.lifetimeBase + object] = Int64(newGeneration << 1) | 1
        for offset in 0..<info.size { state[info.base + offset] = 0 }
        state[info.base + KernelStructs.Page.refcount] = 1
        step.note(.alloc, "allocate \(symbols.value(ValueEncoding.pointer(object: object, generation: newGeneration, offset: 0)))", object: object)
        return .page(object)
    }

    /// Frees what a pointer names. A page is freed as the kernel's
    /// put_page_testzero() does: the call drops a reference and the page goes
    /// back to the allocator when the last one is gone; struct page is never
    /// freed, so any pointer to it will do. Other objects (kfree, an mm) are
    /// freed at once, and only through a pointer from their current lifetime.
    func free(_ pointer: Int64, expectingContents: Bool, _ state: inout MachineState, _ step: inout Step) -> Violation? {
        guard let object = ValueEncoding.object(of: pointer), object < program.objects.count else {
            if pointer == 0 { return nil }
            return Violation(.bug, "freeing \(symbols.value(pointer)), which is not an object")
        }
        let info = program.objects[object]
        let offset = ValueEncoding.offset(of: pointer)
        let expected = info.kind == .page && expectingContents ? info.contentsOffset : 0
        guard offset == expected else {
            return Violation(.bug, "freeing \(symbols.value(pointer)), which is not the start of \(info.name)", object: object)
        }
        if !isAlive(object, state) {
            return Violation(.doubleFree, "double free of \(info.name): it is already free", object: object)
        }
        if info.kind == .page {
            let references = state[info.base + KernelStructs.Page.refcount]
            guard references > 0 else {
                return Violation(.bug, "freeing \(info.name) whose _refcount is \(references)", object: object)
            }
            state[info.base + KernelStructs.Page.refcount] = references - 1
            if references > 1 {
                step.note(.update, "put \(info.name): _refcount \(references) -> \(references - 1), the page stays allocated", object: object)
                return nil
            }
            let flags = state[info.base + KernelStructs.Page.flags]
            let bad = PageFlag.checkedAtFree.filter { flags & $0.mask != 0 }
            if !bad.isEmpty {
                let names = bad.map(\.constantName)
                return Violation(.badPageState, "BUG: Bad page state: \(info.name) freed with \(names.joined(separator: ", ")) set", object: object)
            }
        } else if generation(object, state) != ValueEncoding.generation(of: pointer) {
            return Violation(.doubleFree, "double free of \(info.name): this pointer is from an earlier lifetime; it was freed and allocated again", object: object)
        }
        state[layout.lifetimeBase + object] &= ~1
        for offset in info.contentsOffset..<info.size { state[info.base + offset] = 0 }
        step.note(.free, "free \(info.name)", object: object)
        return nil
    }

    // MARK: Memory primitives

    func executeMemory(_ operation: MemoryOperation, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        switch operation {
        case .allocPage, .allocPageAddress, .allocObject:
            let gfp = pop(&state, context: context, values: values)
            if operation == .allocObject {
                let size = pop(&state, context: context, values: values)
                if size > Int64(program.config.pageWords * 8) {
                    return .limitReached("kmalloc of \(size) bytes: Grace models objects of up to page_words x 8 = \(program.config.pageWords * 8) bytes (raise it with Config: page_words=N)")
                }
            }
            switch allocatePage(gfp: gfp, &state, &step) {
            case .poolExhausted:
                let pool = program.objects.filter { $0.kind == .page && !$0.isDeclared }.count
                return .limitReached("every page of the allocator pool (\(pool) page\(pool == 1 ? "" : "s")) is in use; raise it with Config: pool=N")
            case .failed: push(0, &state, context: context, values: values)
            case .page(let object):
                let info = program.objects[object]
                let offset = operation == .allocPage ? 0 : info.contentsOffset
                push(ValueEncoding.pointer(object: object, generation: generation(object, state), offset: offset), &state, context: context, values: values)
            }
        case .freePage, .freePageAddress:
            let pointer = pop(&state, context: context, values: values)
            if let violation = free(pointer, expectingContents: operation == .freePageAddress, &state, &step) { return .violation(violation) }
        case .pageAddress:
            let pointer = pop(&state, context: context, values: values)
            guard let object = pageObject(pointer) else { return .violation(Violation(.bug, "page_address of \(symbols.value(pointer)), which is not a struct page")) }
            push(pointer &+ Int64(program.objects[object].contentsOffset), &state, context: context, values: values)
        case .virtToPage:
            let pointer = pop(&state, context: context, values: values)
            guard let object = ValueEncoding.object(of: pointer), object < program.objects.count, program.objects[object].kind == .page else {
                return .violation(Violation(.bug, "virt_to_page of \(symbols.value(pointer)), which is not in a page"))
            }
            push(ValueEncoding.pointer(object: object, generation: ValueEncoding.generation(of: pointer), offset: 0), &state, context: context, values: values)
        case .getPage:
            let pointer = pop(&state, context: context, values: values)
            guard let object = pageObject(pointer) else { return .violation(Violation(.bug, "get_page of \(symbols.value(pointer)), which is not a struct page")) }
            let cell = program.objects[object].base + KernelStructs.Page.refcount
            guard state[cell] > 0 else {
                return .violation(Violation(.bug, "get_page of \(program.objects[object].name) with no reference left: it is free", object: object))
            }
            state[cell] &+= 1
            step.note(.update, "\(symbols.cell(cell)): \(state[cell] &- 1) -> \(state[cell])", object: object)
        case .putPage:
            let pointer = pop(&state, context: context, values: values)
            guard pageObject(pointer) != nil else { return .violation(Violation(.bug, "put_page of \(symbols.value(pointer)), which is not a struct page")) }
            if let violation = free(pointer, expectingContents: false, &state, &step) { return .violation(violation) }
        }
        return .advanced
    }

    func pageObject(_ pointer: Int64) -> Int? {
        guard let object = ValueEncoding.object(of: pointer), object < program.objects.count,
              program.objects[object].kind == .page, ValueEncoding.offset(of: pointer) == 0 else { return nil }
        return object
    }
}
