import GraceFrontend

/// Where each part of the machine lives in the flat state vector. Every part
/// has a fixed size (threads cannot recurse, so stacks have static bounds), so
/// a state is one array of words: cheap to copy, hash and compare.
///
///     [ memory cells | object lifetimes | RCU callback queue | memory model | CPU 0 | CPU 1 | ... ]
///     CPU block: [ irq | bh | preempt | rcu | rcu_sched | locks | pending IPI | TLB | memory model | task | softirq | irq ]
///     then one context-sized block of zeros
///
/// The memory model's parts hold what it keeps for itself (its
/// `MemoryModelRegion`): nothing under sequential consistency.
///
/// A model that never calls call_rcu has no softirq context, one that sends
/// no IPI no irq context: an absent context is the shared zero block at the
/// end, which reads as inactive and is never written or stored.
///     context:   [ status | wait kind | wait arg | frames | sp | (fn, pc, base, stack) x F | values x V ]
public struct StateLayout: Sendable {
    public let memoryCells: Int
    public let objectCount: Int
    public let lifetimeBase: Int
    public let queueBase: Int
    public let queueCapacity: Int
    public let cpuBase: Int
    public let cpuCount: Int
    public let maxFrames: Int
    public let maxValues: Int
    public let contextSize: Int
    public let cpuSize: Int
    public let totalWords: Int
    /// Paging-structure cache entries per CPU: (slot cell + 1, cached value).
    public let tlbEntries: Int
    /// The memory model's own words: those all CPUs share, and where each
    /// CPU's start in its CPU block.
    public let memoryModelRegion: MemoryModelRegion
    public let memoryModelBase: Int
    let memoryModelCPUOffset: Int
    let cpuHeaderSize: Int
    /// Offset of each context level in a CPU block; nil for absent levels.
    private let levelOffsets: [Int?]
    /// The always-zero block absent contexts map to.
    private let absentContext: Int

    public static let queueEntrySize = 6
    /// A frame: function, pc, base of its locals in the values, base of its stack memory.
    public static let frameSize = 4
    public static let contextsPerCPU = 3
    static let contextHeaderSize = ContextField.frames.rawValue

    public init(program: Program, memoryModelRegion: MemoryModelRegion) {
        memoryCells = program.memoryCells
        objectCount = program.objects.count
        lifetimeBase = memoryCells
        queueBase = lifetimeBase + objectCount
        // Heads can also live in allocated page contents, beyond the declared ones.
        queueCapacity = program.rcuHeadCells.count + program.objects.count + 2
        self.memoryModelRegion = memoryModelRegion
        memoryModelBase = queueBase + 1 + queueCapacity * Self.queueEntrySize
        cpuBase = memoryModelBase + memoryModelRegion.sharedWords
        cpuCount = program.cpuCount
        maxFrames = program.maxFrames
        maxValues = program.maxValues + 2
        contextSize = Self.contextHeaderSize + maxFrames * Self.frameSize + maxValues
        let walks = program.functions.contains { $0.code.contains { if case .primitive(.tlb(let operation)) = $0 { return operation.usesTLB } else { return false } } }
        tlbEntries = walks ? 4 : 0
        memoryModelCPUOffset = CPUField.tlb.rawValue + tlbEntries * 2
        cpuHeaderSize = memoryModelCPUOffset + memoryModelRegion.wordsPerCPU
        let uses = { (match: (Primitive) -> Bool) in
            program.functions.contains { $0.code.contains { if case .primitive(let primitive) = $0 { return match(primitive) } else { return false } } }
        }
        let present = [
            true,
            uses { if case .rcu(.call) = $0 { return true } else { return false } },
            uses { if case .ipi = $0 { return true } else { return false } },
        ]
        var offsets: [Int?] = []
        var offset = cpuHeaderSize
        for isPresent in present {
            offsets.append(isPresent ? offset : nil)
            if isPresent { offset += contextSize }
        }
        levelOffsets = offsets
        cpuSize = offset
        absentContext = cpuBase + cpuCount * cpuSize
        totalWords = absentContext + contextSize
    }

    @inline(__always) public func cpu(_ cpu: Int) -> Int { cpuBase + cpu * cpuSize }

    /// The first of the memory model's words in `cpu`'s block.
    @inline(__always) public func memoryModelWords(of cpu: Int) -> Int { self.cpu(cpu) + memoryModelCPUOffset }

    @inline(__always) public func context(cpu: Int, level: Int) -> Int {
        guard let offset = levelOffsets[level] else { return absentContext }
        return cpuBase + cpu * cpuSize + offset
    }

    /// The frame record of the innermost call of a context.
    @inline(__always) public func topFrame(_ context: Int, _ state: MachineState) -> Int {
        context + ContextField.frames.rawValue + (Int(state[context, .frameCount]) - 1) * Self.frameSize
    }

    @inline(__always) public func queueEntry(_ index: Int) -> Int {
        queueBase + 1 + index * Self.queueEntrySize
    }
}

/// Words of a CPU block, by their offset from its start.
public enum CPUField: Int, Sendable {
    case irqDisabled, bhDisabled, preemptDisabled, rcuNesting, rcuSchedNesting, locksHeld
    /// The function a pending IPI runs (0: none), its argument, and the sender
    /// context's lock token when the sender waits for it.
    case ipiFunction, ipiInfo, ipiSender
    /// Set when local_bh_enable() found ready callbacks: the task does not
    /// go on until softirq has run them (do_softirq() runs synchronously).
    case softirqNow
    /// The first of the paging-structure cache's (slot, value) pairs.
    case tlb
}

/// Words of a context block, by their offset from its start; the frames
/// follow `frames`.
public enum ContextField: Int, Sendable {
    case status, waitKind, waitArgument, frameCount, stackPointer, frames
}

/// A context's `status` word.
public enum ContextStatus: Int64, Sendable {
    case inactive, running, finished
}

/// What a blocked context waits for: its `waitKind` word.
public enum WaitKind: Int64, Sendable {
    case notWaiting
    case gracePeriodNormal
    case gracePeriodSched
    case barrier
    /// A TLB flush waiting for CPUs with IRQs disabled to take its IPI.
    case tlbFlush
    /// smp_call_function(..., wait=1) waiting for its targets.
    case ipi
    /// synchronize_srcu() waiting for SRCU readers; its mask holds reader
    /// indices, not CPUs.
    case srcuGracePeriod

    /// Waits that end when their mask (the `waitArgument`: of CPUs, or of
    /// SRCU readers) empties.
    @inline(__always)
    public var waitsOnMask: Bool {
        switch self {
        case .gracePeriodNormal, .gracePeriodSched, .tlbFlush, .ipi, .srcuGracePeriod: return true
        case .notWaiting, .barrier: return false
        }
    }
}

/// The kinds of context a CPU runs, by nesting level.
public enum ContextKind: Int, Sendable {
    case task = 0, softirq = 1, hardirq = 2

    public var name: String {
        switch self {
        case .task: return "task"
        case .softirq: return "softirq"
        case .hardirq: return "ipi"
        }
    }
}

/// Words of an RCU queue entry, by their offset from its start.
public enum QueueField: Int, Sendable {
    case head, function, cpu, flavour, waitMask, barrierMark
}
