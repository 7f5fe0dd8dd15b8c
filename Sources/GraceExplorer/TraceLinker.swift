import GraceSemantics

/// Finds the relations between the steps of a replayed trace from the
/// states around each step: the step that sent the IPI a CPU takes, the
/// call_rcu that queued the callback softirq runs, where each grace period
/// started and where it was over. Done once while the trace is built, so
/// renderers draw the relations without knowing the state layout.
struct TraceLinker {
    let layout: StateLayout
    /// For each CPU, the step that left an IPI pending on it.
    private var ipiSentAt: [Int?]
    /// Mirrors the RCU callback queue entry by entry: the step that queued
    /// each callback and whether its grace period is over yet.
    private var queued: [(step: Int, isReady: Bool)] = []
    /// For each waiting context (by its offset in the state), the step
    /// whose synchronize_rcu or synchronize_sched started the wait.
    private var waitStartedAt: [Int: Int] = [:]
    private var found: [Trace.Link] = []

    init(layout: StateLayout) {
        self.layout = layout
        ipiSentAt = Array(repeating: nil, count: layout.cpuCount)
    }

    var links: [Trace.Link] {
        found.sorted { ($0.to, $0.from, $0.kind.rawValue) < ($1.to, $1.from, $1.kind.rawValue) }
    }

    mutating func record(step number: Int, action: Action, before: MachineState, after: MachineState) {
        linkIPIs(step: number, action: action, before: before, after: after)
        linkCallbacks(step: number, action: action, before: before, after: after)
        linkSynchronousGracePeriods(step: number, before: before, after: after)
    }

    private mutating func linkIPIs(step number: Int, action: Action, before: MachineState, after: MachineState) {
        if case .ipi(let cpu) = action, let sent = ipiSentAt[cpu] {
            found.append(Trace.Link(.ipi, from: sent, to: number))
            ipiSentAt[cpu] = nil
        }
        for cpu in 0..<layout.cpuCount {
            let base = layout.cpu(cpu)
            if before[base, .ipiFunction] == 0 && after[base, .ipiFunction] != 0 { ipiSentAt[cpu] = number }
        }
    }

    private mutating func linkCallbacks(step number: Int, action: Action, before: MachineState, after: MachineState) {
        var kept = Int(before[layout.queueBase])
        if case .softirq(let cpu) = action {
            // Softirq runs the first callback queued on its CPU (see readyCallback).
            let entry = (0..<kept).first { before[layout.queueEntry($0), .cpu] == Int64(cpu) }
            if let entry, entry < queued.count {
                found.append(Trace.Link(.callback, from: queued[entry].step, to: number))
                queued.remove(at: entry)
                kept -= 1
            }
        }
        let count = Int(after[layout.queueBase])
        if count > kept {
            for _ in kept..<count { queued.append((number, false)) }
        }
        for entry in queued.indices where entry < count && !queued[entry].isReady
            && after[layout.queueEntry(entry), .waitMask] == 0 {
            queued[entry].isReady = true
            if queued[entry].step != number { found.append(Trace.Link(.gracePeriod, from: queued[entry].step, to: number)) }
        }
    }

    private mutating func linkSynchronousGracePeriods(step number: Int, before: MachineState, after: MachineState) {
        for cpu in 0..<layout.cpuCount {
            for level in 0..<StateLayout.contextsPerCPU {
                let context = layout.context(cpu: cpu, level: level)
                let kind = after[waitKind: context]
                let waitsForGracePeriod = kind == .gracePeriodNormal || kind == .gracePeriodSched
                if waitsForGracePeriod && before[waitKind: context] != kind {
                    waitStartedAt[context] = number
                }
                guard let started = waitStartedAt[context] else { continue }
                if !waitsForGracePeriod || after[context, .waitArgument] == 0 {
                    waitStartedAt[context] = nil
                    if waitsForGracePeriod && started != number { found.append(Trace.Link(.gracePeriod, from: started, to: number)) }
                }
            }
        }
    }
}
