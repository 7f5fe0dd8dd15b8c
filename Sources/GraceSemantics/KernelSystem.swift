import GraceFrontend

/// A state reached in one step, or the violation the step ran into.
public struct Successor: Sendable {
    public var action: Action
    public var state: MachineState
    public var violation: Violation?
    public var log: EventLog?
}

/// The model as a transition system: an initial state and, for each state,
/// its successors in a fixed order. Same state, same successors, same order:
/// exploration and traces are deterministic. Its footprints, traces and
/// explanations come from what the interpreter records as a step runs.
public struct KernelSystem<Memory: MemoryModel>: MachineTransitionSystem {
    public let interpreter: Interpreter<Memory>
    public var program: Program { interpreter.program }
    public var layout: StateLayout { interpreter.layout }
    public var memoryModel: MemoryModelKind { Memory.kind }

    public init(program: Program) {
        interpreter = Interpreter(program: program)
    }

    public func initialState() -> (MachineState, Outcome) {
        interpreter.initialState()
    }

    public func cpu(of action: Action) -> Int { action.cpu }

    /// The highest running context of `cpu`, if any.
    @inline(__always)
    func topLevel(of cpu: Int, _ state: MachineState) -> Int? {
        for level in stride(from: StateLayout.contextsPerCPU - 1, through: 0, by: -1)
        where state[status: layout.context(cpu: cpu, level: level)] == .running {
            return level
        }
        return nil
    }

    /// The level of `cpu`'s context that can take a step now: its highest
    /// running one, unless that waits for other CPUs or (in task context)
    /// for softirq to run first.
    @inline(__always)
    func steppingLevel(of cpu: Int, _ state: MachineState) -> Int? {
        guard let level = topLevel(of: cpu, state) else { return nil }
        let context = layout.context(cpu: cpu, level: level)
        let waiting = state[waitKind: context].waitsOnMask && state[context, .waitArgument] != 0
        let deferred = level == ContextKind.task.rawValue && state[layout.cpu(cpu), .softirqNow] != 0
        return waiting || deferred ? nil : level
    }

    /// Appends every successor of `state`, recording what each step did.
    public func successors(of state: MachineState, into result: inout [Successor], recording: StepRecording) {
        var scratch = state
        forEachSuccessor(of: state, scratch: &scratch, recording: recording) { action, next, violation, log in
            result.append(Successor(action: action, state: next, violation: violation, log: log))
        }
    }

    @discardableResult
    public func forEachSuccessor(of state: MachineState, scratch: inout MachineState,
                                 _ body: (Action, MachineState, Violation?) -> Void) -> Expansion {
        forEachSuccessor(of: state, scratch: &scratch, recording: .nothing) { action, next, violation, _ in body(action, next, violation) }
    }

    /// Calls `body` with each successor of `state`, in a fixed order, and
    /// what its step recorded. Steps that change nothing (a spin loop
    /// re-reading a flag) are left out, so a context that can only spin
    /// counts as blocked. The successor lives in `scratch`, which is reused:
    /// the hot path allocates nothing per step. Returns how many successors
    /// there were, and the first limit a step ran into.
    @discardableResult
    public func forEachSuccessor(of state: MachineState, scratch: inout MachineState, recording: StepRecording,
                                 _ body: (Action, MachineState, Violation?, EventLog?) -> Void) -> Expansion {
        var expansion = Expansion()
        // scratch starts equal to state and every step is undone from the
        // journal of its writes, so no step copies the whole state.
        copy(state, into: &scratch)
        scratch.startJournal()
        defer { scratch.stopJournal() }
        for cpu in 0..<layout.cpuCount {
            if let level = steppingLevel(of: cpu, state) {
                var forced: [Int] = []
                var pending: [[Int]] = []
                while true {
                    var step = Step(cpu: cpu, level: level, layout: layout, choices: ChoiceCursor(forced: forced), recording: recording)
                    let outcome = interpreter.run(&scratch, &step, executeVisible: true)
                    pending.append(contentsOf: step.choices.alternatives(beyond: forced.count))
                    if finish(outcome, &scratch, parent: state, &step, expansion: &expansion) {
                        body(.step(cpu: cpu, choices: step.choices.taken), scratch, outcome.violation, step.log)
                    }
                    scratch.rewind(to: state)
                    if pending.isEmpty { break }
                    forced = pending.removeFirst()
                }
            }
            if interpreter.pendingIPI(on: cpu, state) {
                take(.ipi(cpu: cpu), from: state, into: &scratch, recording: recording, expansion: &expansion, body)
            }
            if interpreter.readyCallback(on: cpu, state) != nil {
                take(.softirq(cpu: cpu), from: state, into: &scratch, recording: recording, expansion: &expansion, body)
            }
            for index in 0..<interpreter.memory.internalSteps(on: cpu, in: state) {
                take(.memoryModel(cpu: cpu, index: index), from: state, into: &scratch, recording: recording, expansion: &expansion, body)
            }
        }
        return expansion
    }

    /// Takes an interrupt or a memory-model transition in `scratch`, which
    /// equals `state` and journals its writes, reports it when it is a
    /// successor, and undoes it.
    @inline(__always)
    private func take(_ action: Action, from state: MachineState, into scratch: inout MachineState, recording: StepRecording,
                      expansion: inout Expansion, _ body: (Action, MachineState, Violation?, EventLog?) -> Void) {
        var step = Step(cpu: action.cpu, level: Self.level(of: action), layout: layout, choices: ChoiceCursor(), recording: recording)
        let outcome = perform(action, &scratch, &step)
        if finish(outcome, &scratch, parent: state, &step, expansion: &expansion) {
            body(action, scratch, outcome.violation, step.log)
        }
        scratch.rewind(to: state)
    }

    /// The level of the context an action that starts one runs in.
    static func level(of action: Action) -> Int {
        switch action {
        case .softirq: return ContextKind.softirq.rawValue
        case .ipi: return ContextKind.hardirq.rawValue
        case .step, .memoryModel: return ContextKind.task.rawValue
        }
    }

    /// Runs an action on `state`, a copy of the state it is taken from; the
    /// caller has checked that it is enabled.
    func perform(_ action: Action, _ state: inout MachineState, _ step: inout Step) -> Outcome {
        switch action {
        case .step:
            return interpreter.run(&state, &step, executeVisible: true)
        case .ipi(let cpu):
            return interpreter.startIPI(on: cpu, &state, &step)
        case .softirq(let cpu):
            guard let entry = interpreter.readyCallback(on: cpu, state) else { return .blocked }
            return interpreter.startSoftirq(on: cpu, entry: entry, &state, &step)
        case .memoryModel(let cpu, let index):
            interpreter.memory.takeInternalStep(index, on: cpu, &state, &step)
            return .advanced
        }
    }

    @inline(__always)
    func copy(_ state: MachineState, into scratch: inout MachineState) {
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
    func finish(_ outcome: Outcome, _ next: inout MachineState, parent: MachineState, _ step: inout Step, expansion: inout Expansion) -> Bool {
        var isSuccessor: Bool
        switch outcome {
        case .blocked: isSuccessor = false
        case .violation: isSuccessor = true
        case .limitReached(let reason):
            if expansion.limit == nil { expansion.limit = reason }
            isSuccessor = false
        case .advanced:
            if let reason = interpreter.memory.limitReached(on: step.cpu, in: next) {
                if expansion.limit == nil { expansion.limit = reason }
                return false
            }
            interpreter.advanceWaits(&next, &step)
            interpreter.settleSoftirqs(&next)
            isSuccessor = next.differs(from: parent)
        }
        if isSuccessor { expansion.count += 1 }
        return isSuccessor
    }

    /// Every thread finished, every callback run and the memory model
    /// settled (every store buffer drained): a run of the model ends here.
    public func isFinal(_ state: MachineState) -> Bool {
        guard state[layout.queueBase] == 0 else { return false }
        for cpu in 0..<layout.cpuCount where interpreter.memory.internalSteps(on: cpu, in: state) != 0 { return false }
        for cpu in 0..<layout.cpuCount where state[layout.cpu(cpu), .ipiFunction] != 0 { return false }
        for cpu in 0..<layout.cpuCount where topLevel(of: cpu, state) != nil { return false }
        return true
    }
}
