import GraceFrontend

/// The annotation of an event: LKMM's ordering class (linux-kernel.bell's
/// `Accesses`), the lock events of lock.cat, the SRCU events, and the fence
/// kinds (`Barriers`) of linux-kernel.def.
public enum EventTag: UInt8, Sendable, CaseIterable {
    // Accesses (`R[...]`, `W[...]`).
    case plain, once, acquire, release
    /// The read of an RMW that returns nothing (`atomic_inc`): `'noreturn`.
    case noreturn
    // lock.cat: spin_lock is LKR then LKW, spin_unlock UL, a failed
    // spin_trylock LF, spin_is_locked RL (true) or RU (false).
    case lockRead, lockWrite, unlock, lockFail, readLocked, readUnlocked
    // SRCU: srcu_read_lock reads, srcu_read_unlock writes the index back.
    case srcuLock, srcuUnlock, srcuSync
    // Fences.
    case mb, rmb, wmb, barrier, beforeAtomic, afterAtomic, afterSpinlock, afterUnlockLock, afterSRCUReadUnlock
    case rcuLock, rcuUnlock, syncRCU

    /// The primitive a kernel developer writes for it, for traces.
    public var spelling: String {
        switch self {
        case .plain: return "plain"
        case .once: return "once"
        case .acquire: return "acquire"
        case .release: return "release"
        case .noreturn: return "noreturn"
        case .lockRead: return "lock-read"
        case .lockWrite: return "lock-write"
        case .unlock: return "unlock"
        case .lockFail: return "lock-fail"
        case .readLocked: return "read-locked"
        case .readUnlocked: return "read-unlocked"
        case .srcuLock: return "srcu-lock"
        case .srcuUnlock: return "srcu-unlock"
        case .srcuSync: return "synchronize_srcu"
        case .mb: return "smp_mb"
        case .rmb: return "smp_rmb"
        case .wmb: return "smp_wmb"
        case .barrier: return "barrier"
        case .beforeAtomic: return "smp_mb__before_atomic"
        case .afterAtomic: return "smp_mb__after_atomic"
        case .afterSpinlock: return "smp_mb__after_spinlock"
        case .afterUnlockLock: return "smp_mb__after_unlock_lock"
        case .afterSRCUReadUnlock: return "smp_mb__after_srcu_read_unlock"
        case .rcuLock: return "rcu_read_lock"
        case .rcuUnlock: return "rcu_read_unlock"
        case .syncRCU: return "synchronize_rcu"
        }
    }
}

/// One event of an execution graph.
public struct Event: Sendable, Hashable {
    /// What an event does to memory: herd7's event types.
    public enum Kind: UInt8, Sendable {
        case read, write
        /// Fences, RCU markers and `synchronize_srcu`: no memory access, though
        /// `synchronize_srcu` names the srcu_struct it waits for as its location.
        case fence
    }

    public var kind: Kind
    public var tag: EventTag
    /// The memory cell accessed (for `synchronize_srcu`, its srcu_struct);
    /// nil for fences.
    public var location: Int?
    /// The value read or written.
    public var value: Int64
    /// For a read: the write it reads from; nil while the explorer has not
    /// yet chosen one (a read promised to a write still to come).
    public var readsFrom: EventID?
    /// For the read of an RMW: the index of its write; for the write: of its read.
    public var rmwPartner: Int?
    /// Part of an atomic read-modify-write instruction (herd7's `RMW` set, the
    /// starred events of herd-representation.txt), including the lone read of
    /// a failed cmpxchg.
    public var isAtomicInstruction: Bool
    /// The po-earlier reads of the same thread that this event's address,
    /// value or execution depends on (herd7's addr, data, ctrl).
    public var addressDependencies: DependencySet
    public var dataDependencies: DependencySet
    public var controlDependencies: DependencySet
    /// Where in the model the event comes from, for traces: the function
    /// (its index in the program) and the source location.
    public var function: Int?
    public var source: SourceLocation?

    public init(kind: Kind, tag: EventTag, location: Int? = nil, value: Int64 = 0, readsFrom: EventID? = nil,
                rmwPartner: Int? = nil, isAtomicInstruction: Bool = false,
                addressDependencies: DependencySet = DependencySet(), dataDependencies: DependencySet = DependencySet(),
                controlDependencies: DependencySet = DependencySet()) {
        self.kind = kind
        self.tag = tag
        self.location = location
        self.value = value
        self.readsFrom = readsFrom
        self.rmwPartner = rmwPartner
        self.isAtomicInstruction = isAtomicInstruction
        self.addressDependencies = addressDependencies
        self.dataDependencies = dataDependencies
        self.controlDependencies = controlDependencies
    }

    public static func read(_ location: Int, _ tag: EventTag = .once, value: Int64 = 0, from source: EventID? = nil) -> Event {
        Event(kind: .read, tag: tag, location: location, value: value, readsFrom: source)
    }

    public static func write(_ location: Int, _ tag: EventTag = .once, value: Int64) -> Event {
        Event(kind: .write, tag: tag, location: location, value: value)
    }

    public static func fence(_ tag: EventTag, location: Int? = nil) -> Event {
        Event(kind: .fence, tag: tag, location: location)
    }

    public var isRead: Bool { kind == .read }
    public var isWrite: Bool { kind == .write }
}
