/// Finds the relations between the steps of a replayed trace from the
/// events the steps recorded: the step that sent the IPI a CPU takes, the
/// call_rcu that queued the callback softirq runs, where each grace period
/// started and where it was over. Done once while the trace is built, so
/// renderers draw the relations without knowing the kernel.
struct TraceLinks {
    /// For each CPU, the step that left an IPI pending on it.
    private var ipiSentAt: [Int: Int] = [:]
    /// For each queued callback, by its rcu_head, the step that queued it.
    private var queuedAt: [Int64: Int] = [:]
    /// For each grace period under way, the step that started it.
    private var startedAt: [KernelEvent.GracePeriod: Int] = [:]
    private var found: [Trace.Link] = []

    /// Relations ordered by `to`, then `from`.
    var links: [Trace.Link] {
        found.sorted { ($0.to, $0.from, $0.kind.rawValue) < ($1.to, $1.from, $1.kind.rawValue) }
    }

    mutating func record(_ step: Trace.Step) {
        let number = step.number
        for event in step.kernelEvents {
            switch event {
            case .ipiSent(let targets):
                for cpu in 0..<64 where targets & (1 << Int64(cpu)) != 0 { ipiSentAt[cpu] = number }
            case .ipiTaken(let cpu):
                if let sent = ipiSentAt.removeValue(forKey: cpu) { found.append(Trace.Link(.ipi, from: sent, to: number)) }
            case .callbackQueued(let head):
                queuedAt[head] = number
            case .callbackRun(let head):
                if let queued = queuedAt.removeValue(forKey: head) { found.append(Trace.Link(.callback, from: queued, to: number)) }
            case .gracePeriodStarted(let period):
                startedAt[period] = number
            case .gracePeriodEnded(let period):
                // A grace period no reader held up is over in the step that
                // started it: nothing to draw.
                if let started = startedAt.removeValue(forKey: period), started != number {
                    found.append(Trace.Link(.gracePeriod, from: started, to: number))
                }
            case .access, .allocated, .freed, .storeBuffered, .storeReachedMemory:
                break
            }
        }
    }
}
