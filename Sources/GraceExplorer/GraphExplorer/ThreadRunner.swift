import GraceFrontend
import GraceSemantics

/// Runs one thread's compiled code for the graph explorer: the stack machine
/// of `Interpreter`, with each value carrying the reads it derives from. It
/// runs local instructions by itself and stops at each instruction other
/// threads could observe with a `ThreadRequest`; the explorer decides the
/// outcome (which write a read reads) and completes the request.
///
/// The runner is a value: the explorer copies it at every choice.
struct ThreadRunner: Equatable, Sendable {
    struct Frame: Hashable, Sendable {
        var function: Int
        var pc: Int
        var localCount: Int
        /// Where the frame's locals start in `values`.
        var base: Int
        /// Where the frame's address-taken locals start in the stack object.
        var stackBase: Int
    }

    /// The arms of a conditional branch, until they join: the events inside
    /// are control-dependent on the condition's reads.
    struct ControlRegion: Equatable, Sendable {
        var depth: Int
        var join: Int
        var dependencies: DependencySet
        /// Operand-stack height at the branch: values still above it at the
        /// join were computed in the arms (`a && b`, `c ? x : y`).
        var stackHeight: Int
    }

    struct LoopKey: Hashable, Sendable {
        var depth: Int
        var function: Int
        var pc: Int
    }

    /// The last time a loop's head was reached.
    struct LoopVisit: Equatable, Sendable {
        var event: Int
        var snapshot: [Int64]
        /// Consecutive iterations that changed nothing, ending here.
        var run: Int
        var previous: Range<Int>?
    }

    enum Status: Sendable { case running, finished, stopped }

    let thread: Int
    /// The CPU the thread runs on: a callback runs on the CPU that queued it.
    let cpu: Int
    /// The object holding the thread's address-taken locals: its CPU's
    /// task stack, or softirq stack for a callback.
    let stackObject: Int?
    /// For an RCU callback thread not started yet: the write of call_rcu
    /// that queued it, which its first event reads.
    var queuedBy: EventID?
    private(set) var frames: [Frame]
    private(set) var values: [TaintedValue]
    private(set) var stackMemory: [TaintedValue]
    private var regions: [ControlRegion] = []
    private var loops: [LoopKey: LoopVisit] = [:]
    private var headVisited = false
    private(set) var status = Status.running
    /// The index the thread's next event will have.
    var nextEvent = 0
    /// The index of the thread's last write, lock or RMW event.
    private var lastWrite = -1
    private(set) var heldLocks: [Int] = []
    /// The lock the thread stopped to wait for, in a model that reports
    /// deadlocks: the execution deadlocks if the lock stays held.
    private(set) var blockedLock: Int?
    /// The CPU's IRQ state and bh-disable and preempt counts, as far as
    /// this thread changed them.
    var irqsDisabled = false
    var bhDisabled = 0
    var preemptDisabled = 0
    /// Locals of the entry frame once the thread has finished.
    private(set) var finalLocals: [Int64] = []
    /// The function and source location of the instruction last run: where
    /// the events of a request come from.
    private(set) var origin: (function: Int, location: SourceLocation)?

    /// Instructions a thread may run without an event before the search
    /// gives up on it as inconclusive (as `Interpreter.localInstructionLimit`).
    static let localInstructionLimit = 1_000_000

    static func == (a: ThreadRunner, b: ThreadRunner) -> Bool {
        a.thread == b.thread && a.cpu == b.cpu && a.queuedBy == b.queuedBy && a.frames == b.frames && a.values == b.values && a.stackMemory == b.stackMemory && a.regions == b.regions
            && a.loops == b.loops && a.headVisited == b.headVisited && a.status == b.status && a.nextEvent == b.nextEvent
            && a.lastWrite == b.lastWrite && a.heldLocks == b.heldLocks && a.blockedLock == b.blockedLock
            && a.irqsDisabled == b.irqsDisabled && a.bhDisabled == b.bhDisabled && a.preemptDisabled == b.preemptDisabled && a.finalLocals == b.finalLocals
            && a.origin?.function == b.origin?.function && a.origin?.location == b.origin?.location
    }

    init(thread entry: ThreadEntry, program: Program) {
        self.init(thread: entry.index, cpu: entry.index, level: .task, function: entry.function, locals: entry.initialLocals, program: program)
    }

    /// A thread that runs `function` from the start with `locals` in
    /// `level`'s context of `cpu`.
    init(thread: Int, cpu: Int, level: ContextKind, function: Int, locals: [Int64], program: Program) {
        self.thread = thread
        self.cpu = cpu
        let localCount = program.functions[function].localCount
        frames = [Frame(function: function, pc: 0, localCount: localCount, base: 0, stackBase: 0)]
        values = (locals + Array(repeating: 0, count: max(0, localCount - locals.count))).map { TaintedValue($0) }
        stackObject = program.stackObjectBase.map { $0 + cpu * StateLayout.contextsPerCPU + Int(level.rawValue) }
        let stackSize = stackObject.map { program.objects[$0].size } ?? 0
        stackMemory = Array(repeating: TaintedValue(0), count: stackSize)
    }

    /// Whether IRQs, bh or preemption are disabled: an implicit RCU reader
    /// under `rcu=consolidated`.
    var isAtomic: Bool { irqsDisabled || bhDisabled > 0 || preemptDisabled > 0 }

    /// The function the thread started in.
    var entryFunction: Int { frames.first?.function ?? 0 }

    /// The reads the events inside the current branch arms depend on.
    var controlDependencies: DependencySet {
        regions.reduce(DependencySet()) { $0.union($1.dependencies) }
    }

    // MARK: Completing requests

    mutating func push(_ value: TaintedValue) { values.append(value) }

    /// Completes a read: the value read, derived from read event `event`.
    mutating func completeRead(_ value: Int64, event: Int) {
        push(TaintedValue(value, DependencySet([event])))
    }

    /// Notes that the thread's event `event` wrote memory.
    mutating func noteWrite(event: Int) { lastWrite = event }

    mutating func acquire(_ cell: Int) { heldLocks.append(cell) }

    /// Releases a held lock; false when the thread does not hold it.
    mutating func release(_ cell: Int) -> Bool {
        guard let position = heldLocks.lastIndex(of: cell) else { return false }
        heldLocks.remove(at: position)
        return true
    }

    /// Ends the thread where it is, after a violation.
    mutating func stop() { status = .stopped }

    /// Ends the thread waiting for `lock` for ever.
    mutating func block(on lock: Int) {
        blockedLock = lock
        status = .stopped
    }

    // MARK: Running

    /// Runs local instructions up to the next one other threads could
    /// observe and returns what it asks for; `.finished` once the thread ends.
    mutating func next(_ context: RunnerContext) -> ThreadRequest {
        var budget = Self.localInstructionLimit
        while status == .running {
            let frame = frames[frames.count - 1]
            let function = frame.function, pc = frame.pc
            endRegions(at: pc)
            if context.flow.loopHeads[function][pc], !headVisited {
                headVisited = true
                if let request = visitLoopHead(function: function, pc: pc) { return request }
            }
            budget -= 1
            if budget == 0 {
                let line = context.program.functions[function].locations[pc].line
                return .limitReached("\(context.program.functions[function].name) ran \(Self.localInstructionLimit) instructions at line \(line) "
                    + "without touching shared state, the most one step may; whether it loops forever is not known")
            }
            let instruction = context.code[function][pc]
            origin = (function, context.program.functions[function].locations[pc])
            headVisited = false
            frames[frames.count - 1].pc = pc + 1
            if let request = execute(instruction, context, function: function, pc: pc) { return request }
        }
        return .finished
    }

    /// Ends the thread with a violation at `pc` of `function`.
    mutating func stop(_ violation: Violation, _ context: RunnerContext, function: Int, pc: Int) -> ThreadRequest {
        var located = violation
        located.location = context.program.functions[function].locations[pc]
        located.function = context.program.functions[function].name
        status = .stopped
        return .violation(located)
    }

    /// Pops the regions whose arms join at `pc`, folding their dependencies
    /// into the values the arms left on the operand stack.
    private mutating func endRegions(at pc: Int) {
        while let region = regions.last, region.depth == frames.count, region.join == pc {
            regions.removeLast()
            for slot in region.stackHeight..<max(region.stackHeight, values.count) {
                values[slot].dependencies.formUnion(region.dependencies)
            }
        }
    }

    mutating func branch(on condition: TaintedValue, function: Int, pc: Int, _ context: RunnerContext) {
        guard !condition.dependencies.isEmpty else { return }
        let join = context.flow.joins[function][pc]
        if let last = regions.last, last.depth == frames.count, last.join == join {
            regions[regions.count - 1].dependencies.formUnion(condition.dependencies)
        } else {
            regions.append(ControlRegion(depth: frames.count, join: join, dependencies: condition.dependencies, stackHeight: values.count))
        }
    }

    /// At a loop head: an iteration that wrote nothing and came back to the
    /// same local state is reported, so the explorer can block an await that
    /// reads the same writes again.
    private mutating func visitLoopHead(function: Int, pc: Int) -> ThreadRequest? {
        let key = LoopKey(depth: frames.count, function: function, pc: pc)
        let snapshot = localSnapshot()
        guard let visit = loops[key] else {
            loops[key] = LoopVisit(event: nextEvent, snapshot: snapshot, run: 0, previous: nil)
            return nil
        }
        let iteration = visit.event..<nextEvent
        guard lastWrite < visit.event, snapshot == visit.snapshot else {
            loops[key] = LoopVisit(event: nextEvent, snapshot: snapshot, run: 0, previous: nil)
            return nil
        }
        loops[key] = LoopVisit(event: nextEvent, snapshot: snapshot, run: visit.run + 1, previous: iteration)
        return .awaitIteration(reads: iteration, previous: visit.previous, run: visit.run + 1)
    }

    /// The thread's local state without dependencies: what decides its
    /// future. With `flow`, locals no later code reads count as zero, which
    /// merges states that differ only in registers kept for the final condition.
    func localSnapshot(ignoringDeadLocals flow: ControlFlow? = nil) -> [Int64] {
        var words: [Int64] = []
        for frame in frames { words += [Int64(frame.function), Int64(frame.pc), Int64(frame.base), Int64(frame.stackBase)] }
        words.append(-1)
        var slots = values.map(\.value)
        if let flow {
            for (depth, frame) in frames.enumerated() {
                let end = depth + 1 < frames.count ? frames[depth + 1].base : slots.count
                let live = flow.liveLocals[frame.function][frame.pc]
                for slot in frame.base..<end where !live.contains(slot - frame.base) && slot - frame.base < frame.localCount {
                    slots[slot] = 0
                }
            }
        }
        words += slots
        words.append(-1)
        words += stackMemory.map(\.value)
        words.append(-1)
        words += heldLocks.map(Int64.init)
        words += [irqsDisabled ? 1 : 0, Int64(bhDisabled), Int64(preemptDisabled)]
        return words
    }

    func dependencies(address: DependencySet, data: DependencySet = DependencySet()) -> EventDependencies {
        EventDependencies(address: address, data: data, control: controlDependencies)
    }

    // MARK: Machine state

    mutating func popValue() -> TaintedValue { values.removeLast() }

    mutating func setValue(_ value: TaintedValue, at slot: Int) { values[slot] = value }

    mutating func setPC(_ pc: Int) { frames[frames.count - 1].pc = pc }

    func stackCell(_ offset: Int) -> TaintedValue { stackMemory[offset] }

    mutating func setStackCell(_ offset: Int, _ value: TaintedValue) { stackMemory[offset] = value }

    mutating func clearStack(from start: Int, count: Int) {
        for offset in start..<(start + count) { stackMemory[offset] = TaintedValue(0) }
    }

    /// Calls into a new frame whose arguments are the top of the operand stack.
    mutating func enter(_ frame: Frame, locals: Int) {
        while values.count < frame.base + locals { values.append(TaintedValue(0)) }
        frames.append(frame)
    }

    /// Returns from the top frame, dropping its locals, branch arms and loops.
    mutating func leave() {
        let frame = frames.removeLast()
        values.removeLast(values.count - frame.base)
        regions.removeAll { $0.depth > frames.count }
        loops = loops.filter { $0.key.depth <= frames.count }
    }

    /// The entry function has returned: the thread keeps its locals for the
    /// final condition.
    mutating func finish() {
        finalLocals = values.map(\.value)
        status = .finished
    }
}
