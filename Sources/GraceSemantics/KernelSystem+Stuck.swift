import GraceFrontend

extension KernelSystem {
    /// Why a state with no successors is stuck, naming who waits for what.
    public func describeStuck(_ state: MachineState) -> String {
        var stuck: [String] = []
        for cpu in 0..<layout.cpuCount {
            guard let level = topLevel(of: cpu, state) else { continue }
            let context = layout.context(cpu: cpu, level: level)
            let frame = layout.topFrame(context, state)
            let function = program.functions[Int(state[frame])]
            let location = function.locations[Int(state[frame + 1])]
            let kind = ContextKind(rawValue: level)!.name
            var reason = "waits at line \(location.line)"
            switch state[waitKind: context] {
            case .gracePeriodNormal, .gracePeriodSched:
                let mask = state[context, .waitArgument]
                let readers = (0..<layout.cpuCount).filter { mask & (1 << Int64($0)) != 0 }.map { "CPU\($0)" }
                reason = "waits at line \(location.line) for a grace period that \(readers.joined(separator: ", ")) never lets end"
            case .barrier:
                reason = "waits in rcu_barrier at line \(location.line) for callbacks that never run"
            case .tlbFlush, .ipi:
                let mask = state[context, .waitArgument]
                let targets = (0..<layout.cpuCount).filter { mask & (1 << Int64($0)) != 0 }.map { "CPU\($0)" }
                reason = "waits at line \(location.line) for \(targets.joined(separator: ", ")) to take its IPI, with IRQs disabled"

            default:
                let text = program.file.lineText(location.line).trimmingWhitespace()
                reason = "cannot go on at line \(location.line) (\(text))"
                if case .primitive(.lock(let operation)) = function.code[Int(state[frame + 1])],
                   [.lock, .lockBH, .lockIRQ, .lockIRQSave, .readLock, .writeLock].contains(operation) {
                    let values = interpreter.valuesBase(context)
                    let pointer = state[values + Int(state[context, .stackPointer]) - 1]
                    if let cell = try? interpreter.resolve(pointer, for: .update, as: .lockWord, state) {
                        let holder = state[cell]
                        var owner = holder > 0 ? "held by \(interpreter.describeHolder(holder))" : "held for reading"
                        if holder > 0, (Int(holder) - 1) / StateLayout.contextsPerCPU == cpu {
                            owner += ", the context it interrupted on the same CPU"
                        }
                        reason = "spins at line \(location.line) on \(interpreter.symbols.cell(cell)), \(owner)"
                    }
                }
            }
            stuck.append("CPU\(cpu) \(kind) in \(function.name) \(reason)")
        }
        let queued = Int(state[layout.queueBase])
        if queued > 0 {
            stuck.append("\(queued) RCU callback\(queued == 1 ? "" : "s") can never run")
        }
        return stuck.isEmpty ? "no context can move" : stuck.joined(separator: "; ")
    }
}
