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
    /// it a failure. Handing out a page starts a lifetime: the allocator's
    /// reset of the page (zeroed, one reference) is bookkeeping of the
    /// lifetime, not an access through the memory model.
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
            step.record(.allocated(object: nil))
            return .failed
        }
        let object = candidates[choice]
        let info = program.objects[object]
        let newGeneration = (generation(object, state) + 1) & 0xFFFF
        state[layout.lifetimeBase + object] = Int64(newGeneration << 1) | 1
        for offset in 0..<info.size { state[info.base + offset] = 0 }
        state[info.base + KernelStructs.Page.refcount] = 1
        step.note(.alloc, "allocate \(symbols.value(ValueEncoding.pointer(object: object, generation: newGeneration, offset: 0)))")
        step.record(.allocated(object: object))
        return .page(object)
    }

    /// Frees what a pointer names. A page is freed as the kernel's
    /// put_page_testzero() does: the call drops a reference (a fully
    /// ordered decrement of `_refcount` through the memory model) and the
    /// page goes back to the allocator when the last one is gone, after
    /// free_pages_check() has read its flags; struct page is never freed, so
    /// any pointer to it will do. Other objects (kfree, an mm) are freed at
    /// once, and only through a pointer from their current lifetime. The
    /// allocator's own bookkeeping (the lifetime, the zeroed contents) is
    /// not an access the kernel's code makes.
    func free(_ pointer: Int64, expectingContents: Bool, _ state: inout MachineState, _ step: inout Step) throws(Violation) {
        guard let object = ValueEncoding.object(of: pointer), object < program.objects.count else {
            if pointer == 0 { return }
            throw Violation(.bug, "freeing \(symbols.value(pointer)), which is not an object")
        }
        let info = program.objects[object]
        let offset = ValueEncoding.offset(of: pointer)
        let expected = info.kind == .page && expectingContents ? info.contentsOffset : 0
        guard offset == expected else {
            throw Violation(.bug, "freeing \(symbols.value(pointer)), which is not the start of \(info.name)", object: object)
        }
        if !isAlive(object, state) {
            throw Violation(.doubleFree, "double free of \(info.name): it is already free", object: object)
        }
        if info.kind == .page {
            let put = update(cell: info.base + KernelStructs.Page.refcount, .full, as: .pageRefcount, noted: false, &state, &step) { references in
                references > 0 ? references - 1 : nil
            }
            guard put.new != nil else {
                throw Violation(.bug, "freeing \(info.name) whose _refcount is \(put.old)", object: object)
            }
            if put.old > 1 {
                step.note(.update, "put \(info.name): _refcount \(put.old) -> \(put.old - 1), the page stays allocated")
                return
            }
            let flags = load(cell: info.base + KernelStructs.Page.flags, .plain, as: .pageFlags, noted: false, &state, &step)
            let bad = PageFlag.checkedAtFree.filter { flags & $0.mask != 0 }
            if !bad.isEmpty {
                let names = bad.map(\.constantName)
                throw Violation(.badPageState, "BUG: Bad page state: \(info.name) freed with \(names.joined(separator: ", ")) set", object: object)
            }
        } else if generation(object, state) != ValueEncoding.generation(of: pointer) {
            throw Violation(.doubleFree, "double free of \(info.name): this pointer is from an earlier lifetime; it was freed and allocated again", object: object)
        }
        try checkUnlinkedAtFree(object, &state, &step)
        state[layout.lifetimeBase + object] &= ~1
        for offset in info.contentsOffset..<info.size { state[info.base + offset] = 0 }
        step.note(.free, "free \(info.name)")
        step.record(.freed(object: object))
    }

    // MARK: Memory primitives

    func executeMemory(_ operation: MemoryOperation, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
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
            try free(pointer, expectingContents: operation == .freePageAddress, &state, &step)
        case .pageAddress:
            let pointer = pop(&state, context: context, values: values)
            guard let object = pageObject(pointer) else { throw Violation(.bug, "page_address of \(symbols.value(pointer)), which is not a struct page") }
            push(pointer &+ Int64(program.objects[object].contentsOffset), &state, context: context, values: values)
        case .virtToPage:
            let pointer = pop(&state, context: context, values: values)
            guard let object = ValueEncoding.object(of: pointer), object < program.objects.count, program.objects[object].kind == .page else {
                throw Violation(.bug, "virt_to_page of \(symbols.value(pointer)), which is not in a page")
            }
            push(ValueEncoding.pointer(object: object, generation: ValueEncoding.generation(of: pointer), offset: 0), &state, context: context, values: values)
        case .getPage:
            let pointer = pop(&state, context: context, values: values)
            guard let object = pageObject(pointer) else { throw Violation(.bug, "get_page of \(symbols.value(pointer)), which is not a struct page") }
            let cell = program.objects[object].base + KernelStructs.Page.refcount
            let get = update(cell: cell, .relaxed, as: .pageRefcount, noted: false, &state, &step) { references in
                references > 0 ? references &+ 1 : nil
            }
            guard let references = get.new else {
                throw Violation(.bug, "get_page of \(program.objects[object].name) with no reference left: it is free", object: object)
            }
            step.note(.update, "\(symbols.cell(cell)): \(get.old) -> \(references)")
        case .putPage:
            let pointer = pop(&state, context: context, values: values)
            guard pageObject(pointer) != nil else { throw Violation(.bug, "put_page of \(symbols.value(pointer)), which is not a struct page") }
            try free(pointer, expectingContents: false, &state, &step)
        case .compoundHead, .prepareCompound:
            return try executeCompound(operation, &state, &step, values: values)
        }
        return .advanced
    }

    func pageObject(_ pointer: Int64) -> Int? {
        guard let object = ValueEncoding.object(of: pointer), object < program.objects.count,
              program.objects[object].kind == .page, ValueEncoding.offset(of: pointer) == 0 else { return nil }
        return object
    }
}
