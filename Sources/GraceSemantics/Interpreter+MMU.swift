import GraceFrontend

/// Loads and stores through the MMU (tlb_read, tlb_write): the translation
/// and the access it serves are one step, as a load through a virtual
/// address is one instruction. Every level of the walk uses this CPU's
/// cached entry for its slot, or reads the slot and caches what it finds.
///
/// Ordering: each level's read is a marked load (`.once`), the next level's
/// address taken from its value, as LKMM's `addr` dependency orders them;
/// none of them is ordered against the CPU's other accesses.
extension Interpreter {
    func accessThroughMMU(_ level: TableLevel, isWrite: Bool, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        let stored = isWrite ? pop(&state, context: context, values: values) : 0
        let index = pop(&state, context: context, values: values)
        let slot = pop(&state, context: context, values: values)
        let name = isWrite ? "tlb_write" : "tlb_read"
        let words = program.config.pageWords
        let span = level == .pmd ? words * words : words
        guard index >= 0, index < Int64(span) else {
            throw Violation(.bug, "\(name) of word \(index) through a \(level == .pmd ? "pmd" : "pte"), which maps \(span) words (\(level == .pmd ? "PTRS_PER_PTE pages of page_words" : "page_words")); the index is beyond them")
        }
        var entry = try translate(slot: slot, &state, &step)
        var word = Int(index)
        if level == .pmd, ValueEncoding.stripFlags(entry) != 0 {
            let page = ValueEncoding.stripFlags(entry)
            let pageIndex = word / words
            word %= words
            guard let table = pageObject(page) else {
                throw Violation(.bug, "the MMU finds \(symbols.value(entry)) in a pmd, which is not a page")
            }
            if entry & ValueEncoding.leafFlag != 0 {
                guard let mapped = pageIndex == 0 ? page : blockPage(table, pageIndex, state) else {
                    throw Violation(.bug, "a huge pmd maps page \(pageIndex) of the block that starts at \(program.objects[table].name), but the model declares no page there: the pages of a block are the struct pages declared one after another from its head", object: table)
                }
                entry = mapped | (entry & ValueEncoding.flagMask & ~ValueEncoding.leafFlag)
            } else {
                entry = try translate(slot: page &+ Int64(program.objects[table].contentsOffset + pageIndex), &state, &step)
            }
        }
        let page = ValueEncoding.stripFlags(entry)
        guard page != 0 else {
            step.note(.note, "the MMU finds no translation: the \(isWrite ? "write" : "read") faults and \(isWrite ? "stores nothing" : "reads 0")")
            if !isWrite { push(0, &state, context: context, values: values) }
            return .advanced
        }
        if isWrite, entry & ValueEncoding.readOnlyFlag != 0 {
            step.note(.note, "the translation is read-only: the write faults and stores nothing")
            return .advanced
        }
        guard let target = pageObject(page) else {
            throw Violation(.bug, "the MMU translates to \(symbols.value(page)), which is not a page")
        }
        let address = page &+ Int64(program.objects[target].contentsOffset + word)
        if isWrite {
            try store(address, stored, .once, &state, &step)
        } else {
            push(try load(address, .once, &state, &step), &state, context: context, values: values)
        }
        return .advanced
    }

    /// One level of a hardware walk: the entry this CPU caches for the slot,
    /// used without reading memory, even when the slot's table has been
    /// freed since (that is what a flush must prevent); else the slot read
    /// once and cached. The entry keeps its flags.
    func translate(slot pointer: Int64, _ state: inout MachineState, _ step: inout Step) throws(Violation) -> Int64 {
        if let object = ValueEncoding.object(of: pointer), object < program.objects.count,
           ValueEncoding.offset(of: pointer) < program.objects[object].size {
            let cell = program.objects[object].base + ValueEncoding.offset(of: pointer)
            if let cached = cachedTranslation(of: cell, cpu: step.cpu, &step, state) {
                step.note(.read, "MMU uses its cached entry for \(symbols.cell(cell)): \(symbols.value(cached)) (no memory read)")
                return cached
            }
        }
        let cell = try resolve(pointer, for: .read, as: .pageTableWalk, state)
        let value = load(cell: cell, .once, as: .pageTableWalk, noted: false, &state, &step)
        let cpu = step.cpu
        step.note(.read, "MMU walks \(symbols.cell(cell)) = \(symbols.value(value))\(remark(on: .read, as: .pageTableWalk, cell: cell, cpu: cpu, state))")
        cacheTranslation(value, of: cell, cpu: step.cpu, &state, &step)
        return value
    }

    /// Page `index` (from 1) of the block a huge leaf maps from `head`: the
    /// page declared `index` objects after it, in the lifetime it has now.
    private func blockPage(_ head: Int, _ index: Int, _ state: MachineState) -> Int64? {
        let object = head + index
        guard object < program.objects.count, program.objects[object].kind == .page, program.objects[object].isDeclared else { return nil }
        return ValueEncoding.pointer(object: object, generation: generation(object, state), offset: 0)
    }
}
