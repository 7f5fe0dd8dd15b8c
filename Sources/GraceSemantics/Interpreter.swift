import GraceFrontend

/// Executes steps of a compiled model on a `MachineState`. One step runs the
/// visible instruction a context rests on (a shared-memory access or a kernel
/// primitive) and then its invisible, context-local instructions up to the next
/// visible one, so states only exist at points other CPUs can observe.
public struct Interpreter<Memory: MemoryModel>: Sendable {
    public let program: Program
    public let layout: StateLayout
    public let memory: Memory
    public let symbols: Symbols
    let code: [[Instruction]]

    /// Bound on invisible instructions in one step. A context that computes
    /// this long without touching shared state may loop forever or may just
    /// be slow; Grace cannot tell, so the search ends inconclusive.
    static var localInstructionLimit: Int { 1_000_000 }

    public init(program: Program) {
        self.program = program
        self.layout = StateLayout(program: program, memoryModelRegion: Memory.region(for: program))
        self.symbols = Symbols(program: program)
        self.memory = Memory(layout: layout, symbols: symbols)
        self.code = program.functions.map(\.code)
    }

    // MARK: Initial state

    /// The state before any step: objects initialised, each thread at its first
    /// visible instruction. A violation (or a limit) here comes from code
    /// before any access; otherwise the outcome is `advanced`.
    public func initialState() -> (MachineState, Outcome) {
        var state = MachineState(words: ContiguousArray(repeating: 0, count: layout.totalWords))
        for (index, object) in program.objects.enumerated() {
            for (offset, value) in object.initialValues { state[object.base + offset] = value }
            state[layout.lifetimeBase + index] = object.initiallyAlive ? 1 : 0
        }
        for thread in program.threads {
            let context = layout.context(cpu: thread.index, level: ContextKind.task.rawValue)
            state[status: context] = .running
            state[context, .frameCount] = 1
            let frame = context + ContextField.frames.rawValue
            state[frame] = Int64(thread.function)
            let values = valuesBase(context)
            for (slot, value) in thread.initialLocals.enumerated() { state[values + slot] = value }
            state[context, .stackPointer] = Int64(thread.initialLocals.count)
        }
        for thread in program.threads {
            var step = Step(cpu: thread.index, level: 0, layout: layout, choices: ChoiceCursor(), recording: .nothing)
            let outcome = run(&state, &step, executeVisible: false)
            if case .advanced = outcome { continue }
            return (state, outcome)
        }
        return (state, .advanced)
    }

    @inline(__always)
    func valuesBase(_ context: Int) -> Int {
        context + ContextField.frames.rawValue + layout.maxFrames * StateLayout.frameSize
    }

    // MARK: Running a context

    /// Runs the context of `step` from where it rests: the visible instruction
    /// first (when `executeVisible`), then invisible ones until the next visible.
    public func run(_ state: inout MachineState, _ step: inout Step, executeVisible: Bool) -> Outcome {
        let context = step.context
        let values = valuesBase(context)
        var mayExecuteVisible = executeVisible
        var budget = Self.localInstructionLimit
        while state[status: context] == .running {
            let frame = layout.topFrame(context, state)
            let function = Int(state[frame])
            let pc = Int(state[frame + 1])
            let instruction = code[function][pc]
            if isVisible(instruction, state, step, values: values) {
                guard mayExecuteVisible else { return .advanced }
                mayExecuteVisible = false
                if step.log != nil {
                    step.log!.location = program.functions[function].locations[pc]
                    step.log!.function = function
                    step.log!.contextLevel = step.level
                }
            }
            budget -= 1
            if budget == 0 {
                let location = program.functions[function].locations[pc]
                return .limitReached("\(program.functions[function].name) ran \(Self.localInstructionLimit) instructions at line \(location.line) without touching shared state, the most one step may; whether it loops forever is not known")
            }
            state[frame + 1] = Int64(pc + 1)
            let outcome: Outcome
            do {
                outcome = try execute(instruction, in: &state, &step, frame: frame, values: values, function: function, pc: pc)
            } catch {
                outcome = .violation(error)
            }
            switch outcome {
            case .advanced: continue
            case .blocked: return .blocked
            case .limitReached(let reason): return .limitReached(reason)
            case .violation(var violation):
                violation.location = program.functions[function].locations[pc]
                violation.function = program.functions[function].name
                return .violation(violation)
            }
        }
        return .advanced
    }

    /// Whether other CPUs can observe an instruction: shared accesses and
    /// primitives can; a context's own stack memory and locals cannot.
    @inline(__always)
    func isVisible(_ instruction: Instruction, _ state: MachineState, _ step: Step, values: Int) -> Bool {
        switch instruction {
        case .load:
            return !isOwnStack(peek(state, step, values: values, depth: 0), step)
        case .store, .storeOverlaid:
            return !isOwnStack(peek(state, step, values: values, depth: 1), step)
        case .primitive(.memory(.pageAddress)), .primitive(.memory(.virtToPage)), .primitive(.memory(.compoundHead)):
            // Address arithmetic: nothing another CPU could observe.
            return false
        case .primitive: return true
        case .fence(let kind): return memory.isVisible(kind)
        default: return false
        }
    }

    @inline(__always)
    func peek(_ state: MachineState, _ step: Step, values: Int, depth: Int) -> Int64 {
        state[values + Int(state[step.context, .stackPointer]) - 1 - depth]
    }

    /// The stack object of the context running `step`.
    @inline(__always)
    func stackObject(_ step: Step) -> Int? {
        program.stackObjectBase.map { $0 + step.cpu * StateLayout.contextsPerCPU + step.level }
    }

    @inline(__always)
    func isOwnStack(_ pointer: Int64, _ step: Step) -> Bool {
        guard let own = stackObject(step) else { return false }
        return ValueEncoding.object(of: pointer) == own
    }

    // MARK: Operand stack

    @inline(__always)
    func push(_ value: Int64, _ state: inout MachineState, context: Int, values: Int) {
        let sp = Int(state[context, .stackPointer])
        state[values + sp] = value
        state[context, .stackPointer] = Int64(sp + 1)
    }

    /// Pops and zeroes the slot, so equal machine situations are equal states.
    @inline(__always)
    func pop(_ state: inout MachineState, context: Int, values: Int) -> Int64 {
        let sp = Int(state[context, .stackPointer]) - 1
        let value = state[values + sp]
        state[values + sp] = 0
        state[context, .stackPointer] = Int64(sp)
        return value
    }
}

/// What one step of a context came to.
public enum Outcome: Sendable {
    case advanced
    /// The step cannot run now (a held lock, an unfinished grace period).
    case blocked
    case violation(Violation)
    /// The step needs more than Grace models (a longer local computation, a
    /// larger allocator pool). That says nothing about the model, so the
    /// search cannot judge it: it ends inconclusive, with this reason.
    case limitReached(String)

    public var violation: Violation? {
        if case .violation(let violation) = self { return violation }
        return nil
    }
}

/// How much a step keeps of what it did.
public enum StepRecording: Sendable {
    /// Nothing: the search's hot path.
    case nothing
    /// Its typed events, for a footprint.
    case events
    /// Its typed events and the lines a trace prints.
    case trace
}

/// Per-step working data: who runs, the choices it makes, what it records.
public struct Step {
    public var cpu: Int
    public var level: Int
    public var choices: ChoiceCursor
    /// What the step did; nil when it records nothing.
    public var log: EventLog?
    private let keepsLines: Bool
    var context: Int

    public init(cpu: Int, level: Int, layout: StateLayout, choices: ChoiceCursor, recording: StepRecording) {
        self.cpu = cpu
        self.level = level
        self.choices = choices
        self.log = recording == .nothing ? nil : EventLog()
        self.keepsLines = recording == .trace
        self.context = layout.context(cpu: cpu, level: level)
    }

    /// Adds a line to the trace, when one is being replayed.
    mutating func note(_ kind: TraceEvent.Kind, _ text: @autoclosure () -> String) {
        if keepsLines { log!.events.append(TraceEvent(kind, text())) }
    }

    /// Records what the step did; costs a test when nothing is recording.
    @inline(__always)
    public mutating func record(_ event: @autoclosure () -> KernelEvent) {
        if log != nil { log!.kernelEvents.append(event()) }
    }

    /// Records an access made through the shared-memory seam.
    @inline(__always)
    public mutating func record(_ access: @autoclosure () -> MemoryAccess) {
        if log != nil { log!.kernelEvents.append(.access(access())) }
    }
}
