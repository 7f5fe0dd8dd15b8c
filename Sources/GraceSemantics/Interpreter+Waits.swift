import GraceFrontend

/// Contexts that wait for a set of CPUs: a grace period's readers, a TLB
/// flush's or an IPI's targets. A waiting context rests on its instruction,
/// which runs again when the set is empty.
extension Interpreter {
    /// Blocks the context on its current instruction until `mask` empties:
    /// the instruction runs again then, and sees the wait done.
    func waitHere(kind: WaitKind, mask: Int64, _ state: inout MachineState, _ step: Step) {
        let context = step.context
        state[waitKind: context] = kind
        state[context, .waitArgument] = mask
        let frame = layout.topFrame(context, state)
        state[frame + 1] -= 1
    }

    func cpuList(_ mask: Int64) -> String {
        (0..<layout.cpuCount).filter { mask & (1 << Int64($0)) != 0 }.map { "CPU\($0)" }.joined(separator: ", ")
    }

    /// After each step, narrows every wait to the CPUs still holding it up:
    /// a grace period (of a queued callback or of synchronize_rcu) to the
    /// CPUs still in a reader, a TLB flush to the CPUs with IRQs still off.
    public func advanceWaits(_ state: inout MachineState, _ step: inout Step) {
        var readers = ReaderMasks()
        advanceCallbackGracePeriods(&state, &readers, &step)
        for cpu in 0..<layout.cpuCount {
            for level in 0..<StateLayout.contextsPerCPU {
                let context = layout.context(cpu: cpu, level: level)
                switch state[waitKind: context] {
                case .gracePeriodNormal, .gracePeriodSched: narrowGracePeriodWait(context, &state, &readers, &step)
                case .tlbFlush: narrowTLBFlushWait(context, cpu: cpu, &state)
                default: break
                }
            }
        }
    }
}
