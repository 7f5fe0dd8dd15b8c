import GraceFrontend

/// Footprints, from a replay of the step that records its typed events:
/// the accesses it made through the memory model, the lifetimes they
/// depended on and the allocator's, and whether anything outside memory and
/// the context's own frames changed.
extension KernelSystem {
    public func footprint(of state: MachineState, via action: Action) -> Footprint? {
        let level: Int
        switch action {
        case .step(let cpu, _):
            guard let stepping = steppingLevel(of: cpu, state) else { return nil }
            level = stepping
        case .ipi(let cpu):
            guard interpreter.pendingIPI(on: cpu, state) else { return nil }
            level = Self.level(of: action)
        case .softirq(let cpu):
            guard interpreter.readyCallback(on: cpu, state) != nil else { return nil }
            level = Self.level(of: action)
        case .memoryModel(let cpu, let index):
            guard index < interpreter.memory.internalSteps(on: cpu, in: state) else { return nil }
            level = Self.level(of: action)
        }
        var choices = ChoiceCursor()
        if case .step(_, let forced) = action { choices = ChoiceCursor(forced: forced) }
        var step = Step(cpu: action.cpu, level: level, layout: layout, choices: choices, recording: .events)
        var next = state
        let outcome = perform(action, &next, &step)
        var expansion = Expansion()
        guard finish(outcome, &next, parent: state, &step, expansion: &expansion) else { return nil }
        if case .step(_, let forced) = action, step.choices.taken != forced { return nil }
        var reads = Set<SharedLocation>()
        var writes = Set<SharedLocation>()
        for event in step.log?.kernelEvents ?? [] {
            switch event {
            case .access(let access):
                if access.kind != .write { reads.insert(access.location) }
                if access.isWrite { writes.insert(access.location) }
                if case .cell(let cell) = access.location, let object = lifetimeObject(of: cell) { reads.insert(.lifetime(object: object)) }
            case .allocated(let object):
                // The allocator looked at every page to choose one, or to fail.
                for (page, info) in program.objects.enumerated() where info.kind == .page { reads.insert(.lifetime(object: page)) }
                if let object { writes.insert(.lifetime(object: object)) }
            case .freed(let object):
                writes.insert(.lifetime(object: object))
            case .ipiSent, .ipiTaken, .callbackQueued, .callbackRun, .gracePeriodStarted, .gracePeriodEnded, .storeBuffered, .storeReachedMemory:
                // Changes of bookkeeping, which the state shows.
                break
            }
        }
        return Footprint(cpu: action.cpu, context: ContextKind(rawValue: level) ?? .task, reads: reads.sorted(), writes: writes.sorted(),
                         touchesKernelBookkeeping: changesBookkeeping(from: state, to: next, context: step.context, level: level))
    }

    /// The object whose lifetime an access to `cell` depends on, if freeing
    /// the object invalidates the cell.
    private func lifetimeObject(of cell: Int) -> Int? {
        guard let object = interpreter.symbols.object(ofCell: cell) else { return nil }
        let info = program.objects[object]
        return info.isLifetimeChecked(offset: cell - info.base) ? object : nil
    }

    /// Whether a step changed a word of the state that is neither memory, a
    /// lifetime, a paging-structure cache, nor the frames and locals of the
    /// context that ran it; nor, for a task, its status (a task that
    /// finishes changes what no other CPU reads).
    private func changesBookkeeping(from before: MachineState, to after: MachineState, context: Int, level: Int) -> Bool {
        var ranges = [layout.queueBase..<layout.cpuBase]
        for cpu in 0..<layout.cpuCount {
            let base = layout.cpu(cpu)
            ranges.append(base..<(base + CPUField.tlb.rawValue))
            ranges.append(layout.memoryModelWords(of: cpu)..<(base + layout.cpuSize))
        }
        let ownFrames = (context + ContextField.frameCount.rawValue)..<(context + layout.contextSize)
        let ownStatus = level == ContextKind.task.rawValue ? context + ContextField.status.rawValue : -1
        for range in ranges {
            for word in range where word != ownStatus && !ownFrames.contains(word) && before[word] != after[word] { return true }
        }
        return false
    }
}
