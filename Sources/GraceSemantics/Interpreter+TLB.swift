import GraceFrontend

/// TLB flushes, whose IPIs wait for CPUs with IRQs disabled, and the MMU's
/// walks through a CPU's paging-structure cache.
extension Interpreter {
    /// Drops every CPU's cached translations; under tlb_flush=ipi the flush
    /// waits until every other CPU has IRQs enabled to take its IPI.
    func flushTLB(_ state: inout MachineState, _ step: inout Step) -> Outcome {
        let context = step.context
        if state[waitKind: context] == .tlbFlush {
            guard state[context, .waitArgument] == 0 else { return .blocked }
            state[waitKind: context] = .notWaiting
            step.note(.context, "TLB flush completes: every CPU took the flush IPI")
            return .advanced
        }
        // invlpg and the IPI's csd lock are serializing and locked: the
        // flushing CPU's earlier stores (the cleared entry) are in memory.
        memory.fence(.full, cpu: step.cpu, state: &state, step: &step)
        for cpu in 0..<layout.cpuCount where layout.tlbEntries > 0 {
            let base = layout.cpu(cpu) + CPUField.tlb.rawValue
            for word in 0..<(layout.tlbEntries * 2) { state[base + word] = 0 }
            step.record(MemoryAccess(.write, .translationCache(cpu: cpu), role: .translationCache, ordering: .none, value: 0))
        }
        if program.config.tlbFlush == .ipi {
            if state[layout.cpu(step.cpu), .irqDisabled] != 0 {
                return .violation(Violation(.ipiWithIRQsOff, "TLB flush by IPI sent from CPU\(step.cpu) with IRQs disabled: it can deadlock against a CPU waiting for this one"))
            }
            let pending = irqsOffMask(excluding: step.cpu, state)
            step.note(.context, "TLB flush: cached translations dropped; IPIs sent to every other CPU")
            if pending != 0 {
                waitHere(kind: .tlbFlush, mask: pending, &state, step)
                step.note(.context, "the flush waits for \(cpuList(pending)) to enable IRQs")
            }
        } else {
            step.note(.context, "TLB flush: broadcast invalidation, cached translations dropped, no IPI")
        }
        return .advanced
    }

    /// The MMU translates through the slot on the stack: from this CPU's
    /// cache when it holds the slot, else by reading it through the memory
    /// model (and caching it). The cache is the CPU's, not memory, but its
    /// uses are recorded as accesses all the same: a flush elsewhere changes
    /// what a walk here finds.
    func walkTLB(_ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        let slot = pop(&state, context: context, values: values)
        let cell = try resolve(slot, for: .read, as: .pageTableWalk, state)
        if let cached = cachedTranslation(of: cell, cpu: step.cpu, &step, state) {
            step.note(.read, "MMU uses its cached entry for \(symbols.cell(cell)): \(symbols.value(cached)) (no memory read)")
            push(ValueEncoding.stripFlags(cached), &state, context: context, values: values)
            return .advanced
        }
        let value = load(cell: cell, .once, as: .pageTableWalk, noted: false, &state, &step)
        let cpu = step.cpu
        step.note(.read, "MMU walks \(symbols.cell(cell)) = \(symbols.value(value))\(remark(on: .read, as: .pageTableWalk, cell: cell, cpu: cpu, state))")
        cacheTranslation(value, of: cell, cpu: step.cpu, &state, &step)
        push(ValueEncoding.stripFlags(value), &state, context: context, values: values)
        return .advanced
    }

    /// The entry this CPU's paging-structure cache holds for the slot at
    /// `cell`, flags included, if it holds one; a hit is recorded as a
    /// read of the cache.
    func cachedTranslation(of cell: Int, cpu: Int, _ step: inout Step, _ state: MachineState) -> Int64? {
        let base = layout.cpu(cpu) + CPUField.tlb.rawValue
        for entry in 0..<layout.tlbEntries where state[base + entry * 2] == Int64(cell + 1) {
            let cached = state[base + entry * 2 + 1]
            step.record(MemoryAccess(.read, .translationCache(cpu: cpu), role: .translationCache, ordering: .none, value: cached))
            return cached
        }
        return nil
    }

    /// Caches the entry the MMU read from the slot at `cell`, when it maps
    /// something. The oldest entry makes room: entries shift down, the new
    /// one goes last.
    func cacheTranslation(_ value: Int64, of cell: Int, cpu: Int, _ state: inout MachineState, _ step: inout Step) {
        guard ValueEncoding.stripFlags(value) != 0, layout.tlbEntries > 0 else { return }
        let base = layout.cpu(cpu) + CPUField.tlb.rawValue
        var free = (0..<layout.tlbEntries).first { state[base + $0 * 2] == 0 }
        if free == nil {
            for word in 0..<((layout.tlbEntries - 1) * 2) { state[base + word] = state[base + word + 2] }
            free = layout.tlbEntries - 1
        }
        state[base + free! * 2] = Int64(cell + 1)
        state[base + free! * 2 + 1] = value
        step.record(MemoryAccess(.write, .translationCache(cpu: cpu), role: .translationCache, ordering: .none, value: value))
    }

    /// CPUs other than `cpu` whose IRQs are disabled: the ones an IPI must wait for.
    func irqsOffMask(excluding cpu: Int, _ state: MachineState) -> Int64 {
        var mask: Int64 = 0
        for other in 0..<layout.cpuCount where other != cpu && state[layout.cpu(other), .irqDisabled] != 0 {
            mask |= 1 << Int64(other)
        }
        return mask
    }

    /// A waiting flush needs only the CPUs that still have IRQs disabled.
    @inline(__always)
    func narrowTLBFlushWait(_ context: Int, cpu: Int, _ state: inout MachineState) {
        state[context, .waitArgument] &= irqsOffMask(excluding: cpu, state)
    }
}
