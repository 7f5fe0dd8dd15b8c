import GraceFrontend
import GraceSemantics

extension FenceKind {
    /// The LKMM event of the fence (linux-kernel.def).
    var eventTag: EventTag {
        switch self {
        case .full: return .mb
        case .read: return .rmb
        case .write: return .wmb
        case .beforeAtomic: return .beforeAtomic
        case .afterAtomic: return .afterAtomic
        case .afterSpinlock: return .afterSpinlock
        case .afterUnlockLock: return .afterUnlockLock
        case .afterSRCUReadUnlock: return .afterSRCUReadUnlock
        case .compiler: return .barrier
        }
    }
}

extension AccessOrdering {
    var eventTag: EventTag {
        switch self {
        case .plain: return .plain
        case .once: return .once
        case .acquire: return .acquire
        case .release: return .release
        }
    }
}
