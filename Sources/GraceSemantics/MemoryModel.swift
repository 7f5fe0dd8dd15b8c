import GraceFrontend

/// The shared-memory seam: the one place a memory model decides what a
/// load returns, where a store goes, what an atomic read-modify-write sees,
/// and what a fence does.
///
/// What goes through it: every access the model's code makes to shared
/// memory, whatever it is for — a plain or marked load or store, an atomic
/// RMW (both halves as one call), a lock word, a list link, an rcu_head, a
/// page's `_refcount` and flags, a pte or pmd (also when the MMU walks it),
/// an mm's counts, an srcu_struct. The interpreter reaches it only through
/// its `load`, `store` and `update` helpers (Interpreter+SharedMemory.swift),
/// which resolve the pointer, perform the access here and record it as a
/// ``MemoryAccess``.
///
/// What stays direct, because no other CPU can observe it as memory or it
/// is the kernel's machinery rather than an access the code makes: a
/// context's frames, locals and operand stack (and the zeroing of its stack
/// memory on return); a CPU's IRQ, bh, preempt and RCU-nesting counts, its
/// pending IPI and its paging-structure cache (whose hits, fills and
/// invalidations are recorded as accesses all the same, so a reduction
/// sees them); the RCU callback queue, grace-period and wait masks; object
/// lifetimes and the allocator's resetting of a page it hands out or takes
/// back; the final condition, read once every run has ended.
///
/// A model may keep state of its own (store buffers, say) in a region of
/// the state vector it declares with ``region(for:)``: the layout reserves
/// it, shared or per CPU, and the model finds it through the layout it is
/// created with. It may add transitions of its own (a store buffer writing
/// its oldest store to memory): the successor enumeration asks
/// ``internalSteps(on:in:)`` for each CPU after the CPU's own steps. A state
/// with internal steps left is never final.
///
/// Under sequential consistency every call is inlined to a plain read or
/// write of the state: the seam costs nothing.
public protocol MemoryModel: Sendable {
    static var kind: MemoryModelKind { get }

    /// The words of the state vector the model keeps for itself.
    static func region(for program: Program) -> MemoryModelRegion

    /// Creates the model for a layout that has reserved its region; its
    /// trace lines name cells with `symbols`.
    init(layout: StateLayout, symbols: Symbols)

    /// Whether a fence is a step of its own (it is not under SC).
    func isVisible(_ fence: FenceKind) -> Bool

    /// The value a load of `cell` by the CPU of `step` returns. `role`
    /// says what the word is to the kernel: a model may treat the MMU's
    /// reads of page tables (`.pageTableWalk`) apart from the code's.
    func load(cell: Int, ordering: AccessOrdering, role: MemoryAccess.Role, state: inout MachineState, step: inout Step) -> Int64

    /// A store of `value` into `cell` by the CPU of `step`.
    func store(cell: Int, value: Int64, ordering: AccessOrdering, role: MemoryAccess.Role, state: inout MachineState, step: inout Step)

    /// An atomic read-modify-write by the CPU of `step`: reads the cell,
    /// applies `transform`, and stores its result, all as one access. A
    /// transform that returns nil is a conditional RMW that failed (a
    /// cmpxchg that found another value): it only read, and SPEC §2.5
    /// leaves it unordered whatever `ordering` says. Returns the value read
    /// and the value stored.
    func rmw(cell: Int, ordering: RMWOrdering, role: MemoryAccess.Role, state: inout MachineState, step: inout Step,
             _ transform: (Int64) -> Int64?) -> (old: Int64, new: Int64?)

    /// A fence by `cpu`, recorded in `step` (usually `cpu`'s own). The
    /// interpreter also calls it with `.full` where SPEC §2.4 makes a
    /// kernel event a full barrier: sending an IPI, entering an interrupt
    /// (IPI handler or softirq) and leaving an IPI handler on the CPU
    /// taking it, starting a grace period (call_rcu, synchronize_rcu,
    /// synchronize_srcu, rcu_barrier), flushing the TLB.
    func fence(_ kind: FenceKind, cpu: Int, state: inout MachineState, step: inout Step)

    /// An RCU grace period ended (synchronize_rcu returns, or a queued
    /// callback becomes ready): what every CPU stored inside an RCU
    /// read-side critical section must be visible from now on (LKMM's
    /// grace-period guarantee).
    func gracePeriodEnded(state: inout MachineState, step: inout Step)

    /// What a trace should add to the line of an access by `cpu` to `cell`
    /// just made in `state` ("buffered", which write a read missed), if
    /// anything. Asked only while a trace is written.
    func remark(on kind: MemoryAccess.Kind, as role: MemoryAccess.Role, cell: Int, cpu: Int, in state: MachineState) -> String?

    /// Why the search cannot go on from `state` after a step of `cpu`: a
    /// bound of the model's own was reached. Nil when it can.
    func limitReached(on cpu: Int, in state: MachineState) -> String?

    /// How many transitions of its own the model offers on `cpu` in
    /// `state`, taken in index order after the CPU's own steps.
    func internalSteps(on cpu: Int, in state: MachineState) -> Int

    /// Takes internal transition `index` on `cpu`, recording what it does
    /// in `step` (its accesses, and for a trace its lines).
    func takeInternalStep(_ index: Int, on cpu: Int, _ state: inout MachineState, _ step: inout Step)
}

/// The part of the state vector a memory model keeps for itself: words
/// every CPU shares, and words each CPU has (a store buffer).
public struct MemoryModelRegion: Sendable, Hashable {
    public var sharedWords: Int
    public var wordsPerCPU: Int

    public init(sharedWords: Int = 0, wordsPerCPU: Int = 0) {
        self.sharedWords = sharedWords
        self.wordsPerCPU = wordsPerCPU
    }

    /// No state at all, as sequential consistency needs.
    public static let empty = MemoryModelRegion()
}
