import GraceFrontend

/// x86-TSO (Owens, Sarkar, Sewell: "A better x86 memory model: x86-TSO",
/// TPHOLs 2009), the kernel compiled for x86 (SPEC §2.7), as store buffers
/// in the state: each CPU has a FIFO of stores that have left the CPU but
/// not yet reached memory.
///
/// * A store goes into its CPU's buffer; `READ_ONCE`/`WRITE_ONCE`, release
///   stores (`smp_store_release`, `spin_unlock`: a `mov` on x86) and plain
///   stores alike.
/// * A load takes the CPU's newest buffered store to its cell (forwarding),
///   else memory. Acquire loads are plain loads: x86 never reorders loads.
/// * The model's one transition: the oldest store in a CPU's buffer reaches
///   memory. Stores reach memory in program order, and every CPU sees one
///   order of them.
/// * Draining (all of a CPU's buffered stores reach memory, in order, in
///   the step): every atomic read-modify-write, since x86 implements each
///   with a locked instruction — void and returning, relaxed and fully
///   ordered, `xchg`, `cmpxchg` whether or not it stores, bit operations,
///   lock acquisition — and `smp_mb`; and the kernel events SPEC §2.4 makes
///   full barriers, which the interpreter reports as `.full` fences:
///   sending an IPI, entering an IPI handler or softirq, leaving an IPI
///   handler (iret serializes), call_rcu, synchronize_rcu/srcu and
///   rcu_barrier (a grace period's start), a TLB flush.
/// * RCU's grace-period guarantee (LKMM's, which the kernel keeps on x86
///   with the full barriers of its quiescent-state reports): when a grace
///   period ends, every store a CPU made inside an RCU read-side critical
///   section reaches memory, with the stores buffered before it. A CPU's
///   buffer keeps a mark after its newest such store; the end of a grace
///   period writes every buffer back up to its mark. A reader here is any
///   of either flavour, explicit or implicit (IRQs, bh or preemption off, a
///   spinlock held, an interrupt context), as under `rcu=consolidated`.
///   `smp_rmb`, `smp_wmb`, `smp_mb__before_atomic`, `smp_mb__after_atomic`
///   and the other `smp_mb__*` helpers are compiler barriers on x86.
/// * The MMU reads page tables from memory, not from the store buffer of
///   its CPU: a hardware walk (`tlb_walk`, and the translation of
///   `tlb_read`/`tlb_write`) does not see the CPU's own pending pmd or pte
///   store. The word `tlb_read`/`tlb_write` then accesses through the
///   translation is an ordinary load or store.
/// * A run ends only with every buffer empty, so a final condition is
///   judged on memory after every store has landed, as herd7 does.
///
/// The buffers are bounded: ``region(for:)`` sizes them from the program
/// (``bufferCapacity(for:)``). A store that finds its buffer full does not
/// force an older store out, which would hide the executions in which that
/// store is still pending: the search ends `inconclusive`, naming the bound.
///
/// Region, per CPU: `[count | reader mark | (cell + 1, value) x capacity]`,
/// oldest first; unused entries are zero, so equal buffers are equal
/// states.
public struct TotalStoreOrder: MemoryModel {
    public static let kind = MemoryModelKind.tso

    /// The most entries a buffer gets, whatever the program.
    public static let maximumCapacity = 32

    let layout: StateLayout
    let symbols: Symbols
    let capacity: Int
    /// The contexts' stack memory (locals whose address is taken): never
    /// buffered, since no other CPU reads it and a context's return zeroes
    /// it directly, which a store landing later would undo.
    let stackCells: Range<Int>

    public static func region(for program: Program) -> MemoryModelRegion {
        MemoryModelRegion(wordsPerCPU: 2 + 2 * bufferCapacity(for: program))
    }

    /// How many stores a CPU's buffer holds: the stores the program's code
    /// can make between two drains, counted per instruction that stores
    /// (list operations make four, call_rcu two), up to
    /// ``maximumCapacity``. A loop that stores more often than its code has
    /// store instructions can still fill the buffer; then the search ends
    /// inconclusive.
    public static func bufferCapacity(for program: Program) -> Int {
        var stores = 0
        for function in program.functions {
            for instruction in function.code {
                switch instruction {
                case .store, .storeOverlaid: stores += 1
                case .primitive(.list): stores += 4
                case .primitive(.rcu(.call)): stores += 2
                case .primitive(.lock), .primitive(.memory), .primitive(.tlb): stores += 1
                default: break
                }
            }
        }
        return min(maximumCapacity, max(1, stores))
    }

    public init(layout: StateLayout, symbols: Symbols) {
        self.layout = layout
        self.symbols = symbols
        capacity = (layout.memoryModelRegion.wordsPerCPU - 2) / 2
        let objects = symbols.program.objects
        if let first = symbols.program.stackObjectBase, first < objects.count, let last = objects.last {
            stackCells = objects[first].base..<(last.base + last.size)
        } else {
            stackCells = 0..<0
        }
    }

    // MARK: The buffer in the state

    @inline(__always)
    func countWord(of cpu: Int) -> Int { layout.memoryModelWords(of: cpu) }

    /// How many of the oldest entries must reach memory when a grace
    /// period ends: up to the newest store made inside an RCU reader.
    @inline(__always)
    func readerMarkWord(of cpu: Int) -> Int { layout.memoryModelWords(of: cpu) + 1 }

    @inline(__always)
    func entry(_ index: Int, of cpu: Int) -> Int { layout.memoryModelWords(of: cpu) + 2 + 2 * index }

    /// Whether `cpu` is inside an RCU reader of either flavour, explicit
    /// or implicit (the union of `Interpreter.isReader`'s under
    /// `rcu=consolidated`).
    func isInReader(_ cpu: Int, _ state: MachineState) -> Bool {
        let base = layout.cpu(cpu)
        return state[base, .rcuNesting] > 0 || state[base, .rcuSchedNesting] > 0 || state[base, .irqDisabled] != 0
            || state[base, .bhDisabled] > 0 || state[base, .preemptDisabled] > 0 || state[base, .locksHeld] > 0
            || state[status: layout.context(cpu: cpu, level: ContextKind.softirq.rawValue)] == .running
            || state[status: layout.context(cpu: cpu, level: ContextKind.hardirq.rawValue)] == .running
    }

    /// How many stores wait in `cpu`'s buffer; more than `capacity` marks
    /// one that overflowed (the state is never explored).
    @inline(__always)
    func count(of cpu: Int, _ state: MachineState) -> Int { Int(state[countWord(of: cpu)]) }

    /// The newest buffered value `cpu` has for `cell`, if any.
    @inline(__always)
    func forwarded(_ cell: Int, cpu: Int, _ state: MachineState) -> Int64? {
        let marker = Int64(cell + 1)
        var index = min(count(of: cpu, state), capacity) - 1
        while index >= 0 {
            let word = entry(index, of: cpu)
            if state[word] == marker { return state[word + 1] }
            index -= 1
        }
        return nil
    }

    /// Writes `cpu`'s oldest buffered store to memory; returns its cell and value.
    @discardableResult
    func flushOldest(of cpu: Int, _ state: inout MachineState, _ step: inout Step) -> (cell: Int, value: Int64) {
        let count = count(of: cpu, state)
        let first = entry(0, of: cpu)
        let cell = Int(state[first]) - 1
        let value = state[first + 1]
        state[cell] = value
        for word in first..<(first + 2 * (count - 1)) { state[word] = state[word + 2] }
        state[first + 2 * (count - 1)] = 0
        state[first + 2 * (count - 1) + 1] = 0
        state[countWord(of: cpu)] = Int64(count - 1)
        state[readerMarkWord(of: cpu)] = max(0, state[readerMarkWord(of: cpu)] - 1)
        step.record(MemoryAccess(.write, .cell(cell), role: .data, ordering: .plainAccess, value: value))
        step.record(.storeReachedMemory(cpu: cpu))
        return (cell, value)
    }

    /// Every store in `cpu`'s buffer reaches memory, oldest first.
    func drain(_ cpu: Int, _ state: inout MachineState, _ step: inout Step) {
        let count = count(of: cpu, state)
        guard count > 0, count <= capacity else { return }
        writeBack(count, of: cpu, &state, &step, why: "drained")
    }

    /// The `count` oldest stores of `cpu`'s buffer reach memory.
    func writeBack(_ count: Int, of cpu: Int, _ state: inout MachineState, _ step: inout Step, why: String) {
        var landed: [String] = []
        for _ in 0..<count {
            let (cell, value) = flushOldest(of: cpu, &state, &step)
            if step.log != nil { landed.append("\(symbols.cell(cell)) = \(symbols.value(value, in: cell))") }
        }
        step.note(.write, "CPU\(cpu) store buffer \(why): \(landed.joined(separator: ", ")) \(landed.count == 1 ? "reaches" : "reach") memory")
    }

    // MARK: Accesses

    /// A fence runs with the step before it, as under SC: draining then or
    /// one step later is the same to every other CPU.
    public func isVisible(_ fence: FenceKind) -> Bool { false }

    public func load(cell: Int, ordering: AccessOrdering, role: MemoryAccess.Role, state: inout MachineState, step: inout Step) -> Int64 {
        if role == .pageTableWalk { return state[cell] }
        return forwarded(cell, cpu: step.cpu, state) ?? state[cell]
    }

    public func store(cell: Int, value: Int64, ordering: AccessOrdering, role: MemoryAccess.Role, state: inout MachineState, step: inout Step) {
        if stackCells.contains(cell) {
            state[cell] = value
            return
        }
        let cpu = step.cpu
        let count = count(of: cpu, state)
        guard count < capacity else {
            state[countWord(of: cpu)] = Int64(capacity + 1)
            return
        }
        let word = entry(count, of: cpu)
        state[word] = Int64(cell + 1)
        state[word + 1] = value
        state[countWord(of: cpu)] = Int64(count + 1)
        if isInReader(cpu, state) { state[readerMarkWord(of: cpu)] = Int64(count + 1) }
        step.record(.storeBuffered(cpu: cpu))
    }

    public func rmw(cell: Int, ordering: RMWOrdering, role: MemoryAccess.Role, state: inout MachineState, step: inout Step,
                    _ transform: (Int64) -> Int64?) -> (old: Int64, new: Int64?) {
        drain(step.cpu, &state, &step)
        let old = state[cell]
        let new = transform(old)
        if let new { state[cell] = new }
        return (old, new)
    }

    public func fence(_ kind: FenceKind, cpu: Int, state: inout MachineState, step: inout Step) {
        if kind == .full { drain(cpu, &state, &step) }
    }

    public func gracePeriodEnded(state: inout MachineState, step: inout Step) {
        for cpu in 0..<layout.cpuCount where count(of: cpu, state) <= capacity {
            let marked = Int(state[readerMarkWord(of: cpu)])
            if marked > 0 { writeBack(marked, of: cpu, &state, &step, why: "(stores of an RCU reader, at the end of a grace period)") }
        }
    }

    // MARK: Transitions and limits

    public func internalSteps(on cpu: Int, in state: MachineState) -> Int {
        let count = count(of: cpu, state)
        return count > 0 && count <= capacity ? 1 : 0
    }

    public func takeInternalStep(_ index: Int, on cpu: Int, _ state: inout MachineState, _ step: inout Step) {
        let (cell, value) = flushOldest(of: cpu, &state, &step)
        step.note(.write, "CPU\(cpu) store buffer: \(symbols.cell(cell)) = \(symbols.value(value, in: cell)) reaches memory")
    }

    public func limitReached(on cpu: Int, in state: MachineState) -> String? {
        guard count(of: cpu, state) > capacity else { return nil }
        return "CPU\(cpu)'s store buffer is full: a store found \(capacity) stores waiting, the bound Grace sizes from the model (at most \(Self.maximumCapacity))"
    }

    // MARK: Trace lines

    public func remark(on kind: MemoryAccess.Kind, as role: MemoryAccess.Role, cell: Int, cpu: Int, in state: MachineState) -> String? {
        switch kind {
        case .write:
            return forwarded(cell, cpu: cpu, state) != nil ? "buffered" : nil
        case .read:
            let walk = role == .pageTableWalk
            if !walk, forwarded(cell, cpu: cpu, state) != nil { return "from CPU\(cpu)'s store buffer" }
            let pending = (0..<layout.cpuCount).filter { walk || $0 != cpu }.compactMap { other in
                forwarded(cell, cpu: other, state).map { "CPU\(other)'s \(symbols.cell(cell)) = \(symbols.value($0, in: cell))" }
            }
            guard !pending.isEmpty else { return nil }
            return "misses \(pending.joined(separator: " and ")), still in its store buffer"
        case .update, .failedUpdate:
            return nil
        }
    }
}
