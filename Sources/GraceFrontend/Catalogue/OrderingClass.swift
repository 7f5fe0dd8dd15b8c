/// How a primitive is ordered against the accesses around it, in LKMM's
/// classes (SPEC §2.5).
public enum OrderingClass: Sendable, Hashable {
    /// A plain C access, which LKMM lets the compiler tear, fuse or move
    /// (list_first_entry's read of head->next).
    case plainAccess
    /// A single marked load or store, unordered (READ_ONCE, atomic_read).
    case relaxedAccess
    /// An atomic read-modify-write, unordered (atomic_inc, set_bit).
    case relaxedRMW
    case acquire
    case release
    /// Ordered against everything before and after it (atomic_*_return, xchg).
    case fullyOrdered
    /// Ordered as given when it succeeds, unordered when it fails (cmpxchg).
    case onSuccess(RMWOrdering)
    case fence(FenceKind)
    /// Not a memory access: CPU state, computation on values, checks.
    case none

    public var description: String {
        switch self {
        case .plainAccess: return "plain access"
        case .relaxedAccess: return "relaxed access"
        case .relaxedRMW: return "relaxed RMW"
        case .acquire: return "acquire"
        case .release: return "release"
        case .fullyOrdered: return "fully ordered"
        case .onSuccess(let ordering):
            switch ordering {
            case .relaxed: return "relaxed RMW"
            case .acquire: return "acquire on success"
            case .release: return "release on success"
            case .full: return "fully ordered on success"
            }
        case .fence(let kind):
            switch kind {
            case .full: return "full fence"
            case .read: return "read fence"
            case .write: return "write fence"
            case .beforeAtomic: return "full fence with the next atomic"
            case .afterAtomic: return "full fence with the previous atomic"
            case .afterSpinlock: return "full fence with the previous lock"
            case .afterUnlockLock: return "full fence across unlock and lock"
            case .afterSRCUReadUnlock: return "full fence with the previous SRCU unlock"
            case .compiler: return "compiler barrier"
            }
        case .none: return "not a memory access"
        }
    }
}
