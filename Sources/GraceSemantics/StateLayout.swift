import GraceFrontend

/// Where each part of the machine lives in the flat state vector. Every part
/// has a fixed size (threads cannot recurse, so stacks have static bounds), so
/// a state is one array of words: cheap to copy, hash and compare.
///
///     [ memory cells | object lifetimes | RCU callback queue | CPU 0 | CPU 1 | ... ]
///     CPU block: [ irq | bh | preempt | rcu | rcu_sched | locks | pending IPI | TLB | task | softirq | irq ]
///     then one context-sized block of zeros
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
    let cpuHeaderSize: Int
    /// Offset of each context level in a CPU block; nil for absent levels.
    private let levelOffsets: [Int?]
    /// The always-zero block absent contexts map to.
    private let absentContext: Int

    public static let queueEntrySize = 6
    /// A frame: function, pc, base of its locals in the values, base of its stack memory.
    public static let frameSize = 4
    public static let contextsPerCPU = 3
    static let contextHeaderSize = 5

    public init(program: Program) {
        memoryCells = program.memoryCells
        objectCount = program.objects.count
        lifetimeBase = memoryCells
        queueBase = lifetimeBase + objectCount
        // Heads can also live in allocated page contents, beyond the declared ones.
        queueCapacity = program.rcuHeadCells.count + program.objects.count + 2
        cpuBase = queueBase + 1 + queueCapacity * Self.queueEntrySize
        cpuCount = program.cpuCount
        maxFrames = program.maxFrames
        maxValues = program.maxValues + 2
        contextSize = Self.contextHeaderSize + maxFrames * Self.frameSize + maxValues
        let walks = program.functions.contains { $0.code.contains { if case .primitive(.tlb(.walk)) = $0 { return true } else { return false } } }
        tlbEntries = walks ? 4 : 0
        cpuHeaderSize = CPUField.tlb + tlbEntries * 2
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

    @inline(__always) public func context(cpu: Int, level: Int) -> Int {
        guard let offset = levelOffsets[level] else { return absentContext }
        return cpuBase + cpu * cpuSize + offset
    }

    /// The frame record of the innermost call of a context.
    @inline(__always) public func topFrame(_ context: Int, _ state: MachineState) -> Int {
        context + ContextField.frames + (Int(state[context + ContextField.frameCount]) - 1) * Self.frameSize
    }

    @inline(__always) public func queueEntry(_ index: Int) -> Int {
        queueBase + 1 + index * Self.queueEntrySize
    }
}

/// Offsets inside a CPU block.
public enum CPUField {
    public static let irqDisabled = 0
    public static let bhDisabled = 1
    public static let preemptDisabled = 2
    public static let rcuNesting = 3
    public static let rcuSchedNesting = 4
    public static let locksHeld = 5
    /// The function a pending IPI runs (0: none), its argument, and the sender
    /// context's lock token when the sender waits for it.
    public static let ipiFunction = 6
    public static let ipiInfo = 7
    public static let ipiSender = 8
    /// Set when local_bh_enable() found ready callbacks: the task does not
    /// go on until softirq has run them (do_softirq() runs synchronously).
    public static let softirqNow = 9
    public static let tlb = 10
}

/// Offsets inside a context block, and the values its fields take.
public enum ContextField {
    public static let status = 0
    public static let waitKind = 1
    public static let waitArgument = 2
    public static let frameCount = 3
    public static let stackPointer = 4
    public static let frames = 5

    public static let inactive: Int64 = 0
    public static let running: Int64 = 1
    public static let finished: Int64 = 2
}

/// What a blocked context waits for.
public enum WaitKind {
    public static let none: Int64 = 0
    public static let gracePeriodNormal: Int64 = 1
    public static let gracePeriodSched: Int64 = 2
    public static let barrier: Int64 = 3
    /// A TLB flush waiting for CPUs with IRQs disabled to take its IPI.
    public static let tlbFlush: Int64 = 4
    /// smp_call_function(..., wait=1) waiting for its targets.
    public static let ipi: Int64 = 5
    /// synchronize_srcu() waiting for SRCU readers; its mask holds reader
    /// indices, not CPUs.
    public static let srcuGracePeriod: Int64 = 6

    /// Waits that end when their mask (of CPUs, or of SRCU readers) empties.
    @inline(__always)
    public static func waitsOnMask(_ kind: Int64) -> Bool {
        kind == gracePeriodNormal || kind == gracePeriodSched || kind == tlbFlush || kind == ipi || kind == srcuGracePeriod
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

/// Offsets inside an RCU queue entry.
public enum QueueField {
    public static let head = 0
    public static let function = 1
    public static let cpu = 2
    public static let flavour = 3
    public static let waitMask = 4
    public static let barrierMark = 5
}
