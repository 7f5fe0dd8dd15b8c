import GraceFrontend

/// Which programs the graph explorer runs: those that use only LKMM's
/// primitives (marked and plain accesses, atomics and bit operations as
/// RMWs, fences, spinlocks, RCU readers and synchronize_rcu, SRCU) and the
/// kernel primitives lowered to events so far (freeing pages, call_rcu, TLB
/// flushes without hardware walks under `tlb_flush=broadcast`, IRQ, bh and
/// preemption state). The rest (allocation, IPIs, TLB walks, lists, mm,
/// refcount_t, sleeping locks) are not modelled under weak memory yet.
enum GraphSupport {
    /// The first unsupported primitive a thread can reach, as the model
    /// spells it with its line; nil when the program is supported.
    static func unsupportedPrimitive(in program: Program) -> String? {
        let code = reachableCode(of: program)
        let walksTables = code.contains { function, pc in
            if case .primitive(.tlb(let operation)) = program.functions[function].code[pc] { return operation.usesTLB }
            return false
        }
        let queuesCallbacks = code.contains { function, pc in
            if case .primitive(.rcu(.call)) = program.functions[function].code[pc] { return true }
            return false
        }
        for (function, pc) in code {
            guard case .primitive(let primitive) = program.functions[function].code[pc],
                  !isSupported(primitive, flushesAreBarriers: !walksTables && program.config.tlbFlush == .broadcast,
                               queuesCallbacks: queuesCallbacks) else { continue }
            let location = program.functions[function].locations[pc]
            return "\(spelling(at: location, in: program.file)) (line \(location.line))"
        }
        return nil
    }

    /// Why a model's deadlocks would go unjudged, if they would: a litmus
    /// test's blocked executions are not outcomes (herd7's rule), but a model
    /// without a final condition must report a reachable deadlock as a
    /// violation. The graph explorer finds a spin_lock that waits for ever
    /// (`GraphExpansion.lock`), not yet an await loop that does: a model
    /// without a final condition that loops is not run, rather than passed;
    /// names the first loop.
    static func unjudgedDeadlock(in program: Program) -> String? {
        guard program.condition == nil else { return nil }
        for (function, pc) in reachableCode(of: program) {
            let code = program.functions[function].code
            let waits: Bool
            switch code[pc] {
            case .jump(let target), .jumpIfFalse(let target), .jumpIfTrue(let target): waits = target <= pc
            default: waits = false
            }
            guard waits else { continue }
            let location = program.functions[function].locations[pc]
            return "the loop at line \(location.line) may wait for ever, and a deadlock of a model without a final condition"
        }
        return nil
    }

    /// Every (function, pc) a thread can reach, functions in index order:
    /// through calls, and through the functions the code takes the address
    /// of (callbacks).
    private static func reachableCode(of program: Program) -> [(Int, Int)] {
        var reachable = Set(program.threads.map(\.function))
        var work = program.threads.map(\.function)
        while let function = work.popLast() {
            let taken = program.functions[function].code.compactMap { instruction -> Int? in
                guard case .push(let value) = instruction, let index = ValueEncoding.functionIndex(of: value), index < program.functions.count else { return nil }
                return index
            }
            for callee in program.functions[function].callees + taken where reachable.insert(callee).inserted { work.append(callee) }
        }
        return reachable.sorted().flatMap { function in program.functions[function].code.indices.map { (function, $0) } }
    }

    /// `flushesAreBarriers`: a TLB flush is its full barrier alone, for a
    /// model without hardware walks under `tlb_flush=broadcast` (under
    /// `ipi` the flush waits for the IRQ-disabled regions of other CPUs,
    /// which are not modelled yet). `queuesCallbacks`: `local_bh_enable`
    /// runs the CPU's ready callbacks at once, which a callback running as
    /// a thread of its own does not model.
    static func isSupported(_ primitive: Primitive, flushesAreBarriers: Bool, queuesCallbacks: Bool) -> Bool {
        switch primitive {
        case .readModifyWrite, .exchange, .compareExchange, .addUnless, .testBit, .choose:
            return true
        case .bit(let operation, _):
            return operation != .nonAtomicSet && operation != .nonAtomicClear
        case .lock(let operation):
            return [.lock, .unlock, .tryLock, .isLocked].contains(operation)
        case .rcu(let operation):
            return [.readLock(.normal), .readUnlock(.normal), .synchronize(.normal), .call(.normal), .srcuReadLock, .srcuReadUnlock, .srcuSynchronize]
                .contains(operation)
        case .memory(let operation):
            return [.freePage, .freePageAddress, .putPage, .pageAddress, .virtToPage].contains(operation)
        case .tlb(let operation):
            return operation == .flush && flushesAreBarriers
        case .cpu(let operation):
            return operation != .bhEnable || !queuesCallbacks
        case .list, .ipi, .mm, .refcount:
            return false
        }
    }

    /// The identifier the source has at `location`: the primitive's name.
    static func spelling(at location: SourceLocation, in file: SourceFile) -> String {
        let line = Array(file.lineText(location.line))
        var start = max(0, min(location.column - 1, line.count))
        while start < line.count, !(line[start].isLetter || line[start] == "_") { start += 1 }
        var end = start
        while end < line.count, line[end].isLetter || line[end].isNumber || line[end] == "_" { end += 1 }
        return end > start ? String(line[start..<end]) : "a kernel primitive"
    }
}
