import GraceFrontend

/// What moves the machine from one state to the next.
public enum Action: Sendable, Hashable {
    /// The context on top of `cpu` runs one step, making `choices`.
    case step(cpu: Int, choices: [Int])
    /// Softirq interrupts `cpu` to run its next ready RCU callback.
    case softirq(cpu: Int)
    /// `cpu` takes its pending IPI in hardirq context.
    case ipi(cpu: Int)

    public var cpu: Int {
        switch self {
        case .step(let cpu, _), .softirq(let cpu), .ipi(let cpu): return cpu
        }
    }
}

/// A state reached in one step, or the violation the step ran into.
public struct Successor: Sendable {
    public var action: Action
    public var state: MachineState
    public var violation: Violation?
    public var log: EventLog?
}

/// What expanding one state found, besides the successors themselves.
public struct Expansion: Sendable {
    /// How many successors there were.
    public var count = 0
    /// Why a step could not be explored: a limit of Grace, not a fact about
    /// the model. A search that meets one cannot pass the model.
    public var limit: String?
}

/// The model as a transition system: an initial state and, for each state,
/// its successors in a fixed order. Same state, same successors, same order:
/// exploration and traces are deterministic.
public struct KernelSystem<Memory: MemoryModel>: Sendable {
    public let interpreter: Interpreter<Memory>
    public var program: Program { interpreter.program }
    public var layout: StateLayout { interpreter.layout }

    public init(program: Program, memory: Memory) {
        interpreter = Interpreter(program: program, memory: memory)
    }

    public func initialState() -> (MachineState, Outcome) {
        interpreter.initialState()
    }

    /// The highest running context of `cpu`, if any.
    @inline(__always)
    func topLevel(of cpu: Int, _ state: MachineState) -> Int? {
        for level in stride(from: StateLayout.contextsPerCPU - 1, through: 0, by: -1)
        where state[status: layout.context(cpu: cpu, level: level)] == .running {
            return level
        }
        return nil
    }

    /// Appends every successor of `state`; steps that change nothing (a spin
    /// loop re-reading a flag) are left out, so a context that can only spin
    /// counts as blocked.
    public func successors(of state: MachineState, into result: inout [Successor], logging: Bool = false) {
        var scratch = state
        forEachSuccessor(of: state, scratch: &scratch, logging: logging) { action, next, violation, log in
            result.append(Successor(action: action, state: next, violation: violation, log: log))
        }
    }

    /// Calls `body` with each successor of `state`, in a fixed order. The
    /// successor lives in `scratch`, which is reused: the hot path allocates
    /// nothing per step. Returns how many successors there were, and the
    /// first limit a step ran into.
    @discardableResult
    public func forEachSuccessor(of state: MachineState, scratch: inout MachineState, logging: Bool = false,
                                 _ body: (Action, MachineState, Violation?, EventLog?) -> Void) -> Expansion {
        var expansion = Expansion()
        for cpu in 0..<layout.cpuCount {
            if let level = topLevel(of: cpu, state) {
                let context = layout.context(cpu: cpu, level: level)
                let waiting = state[waitKind: context].waitsOnMask && state[context, .waitArgument] != 0
                let deferred = level == ContextKind.task.rawValue && state[layout.cpu(cpu), .softirqNow] != 0
                if !waiting && !deferred {
                    var forced: [Int] = []
                    var pending: [[Int]] = []
                    while true {
                        copy(state, into: &scratch)
                        var step = Step(cpu: cpu, level: level, layout: layout, choices: ChoiceCursor(forced: forced), logging: logging)
                        let outcome = interpreter.run(&scratch, &step, executeVisible: true)
                        pending.append(contentsOf: step.choices.alternatives(beyond: forced.count))
                        if finish(outcome, &scratch, parent: state, expansion: &expansion) {
                            body(.step(cpu: cpu, choices: step.choices.taken), scratch, outcome.violation, step.log)
                        }
                        if pending.isEmpty { break }
                        forced = pending.removeFirst()
                    }
                }
            }
            if interpreter.pendingIPI(on: cpu, state) {
                copy(state, into: &scratch)
                var step = Step(cpu: cpu, level: ContextKind.hardirq.rawValue, layout: layout, choices: ChoiceCursor(), logging: logging)
                let outcome = interpreter.startIPI(on: cpu, &scratch, &step)
                if finish(outcome, &scratch, parent: state, expansion: &expansion) {
                    body(.ipi(cpu: cpu), scratch, outcome.violation, step.log)
                }
            }
            if let entry = interpreter.readyCallback(on: cpu, state) {
                copy(state, into: &scratch)
                var step = Step(cpu: cpu, level: ContextKind.softirq.rawValue, layout: layout, choices: ChoiceCursor(), logging: logging)
                let outcome = interpreter.startSoftirq(on: cpu, entry: entry, &scratch, &step)
                if finish(outcome, &scratch, parent: state, expansion: &expansion) {
                    body(.softirq(cpu: cpu), scratch, outcome.violation, step.log)
                }
            }
        }
        return expansion
    }

    @inline(__always)
    private func copy(_ state: MachineState, into scratch: inout MachineState) {
        state.words.withUnsafeBufferPointer { source in
            scratch.words.withUnsafeMutableBufferPointer { target in
                target.baseAddress!.update(from: source.baseAddress!, count: source.count)
            }
        }
    }

    /// Whether a step's result is a successor, counted in `expansion`:
    /// blocked steps are not, nor are steps that leave the state as it was,
    /// nor steps that ran into a limit (noted in `expansion` instead).
    @inline(__always)
    private func finish(_ outcome: Outcome, _ next: inout MachineState, parent: MachineState, expansion: inout Expansion) -> Bool {
        var isSuccessor: Bool
        switch outcome {
        case .blocked: isSuccessor = false
        case .violation: isSuccessor = true
        case .limitReached(let reason):
            if expansion.limit == nil { expansion.limit = reason }
            isSuccessor = false
        case .advanced:
            interpreter.advanceWaits(&next)
            interpreter.settleSoftirqs(&next)
            isSuccessor = next != parent
        }
        if isSuccessor { expansion.count += 1 }
        return isSuccessor
    }

    /// Every thread finished and every callback run: a run of the model ends here.
    public func isFinal(_ state: MachineState) -> Bool {
        guard state[layout.queueBase] == 0 else { return false }
        for cpu in 0..<layout.cpuCount where state[layout.cpu(cpu), .ipiFunction] != 0 { return false }
        for cpu in 0..<layout.cpuCount where topLevel(of: cpu, state) != nil { return false }
        return true
    }

    /// Why a state with no successors is stuck, naming who waits for what.
    public func describeDeadlock(_ state: MachineState) -> String {
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
                    if case .success(let cell) = interpreter.resolve(pointer, access: "lock", state) {
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

    // MARK: Final condition

    public func value(of location: CompiledLocation, in state: MachineState) -> Int64 {
        switch location {
        case .memory(let cell):
            return state[cell]
        case .register(let thread, let slot):
            let context = layout.context(cpu: thread, level: ContextKind.task.rawValue)
            return state[interpreter.valuesBase(context) + slot]
        }
    }

    public func evaluate(_ proposition: CompiledProposition, in state: MachineState) -> Bool {
        proposition.holds { value(of: $0, in: state) }
    }
}
