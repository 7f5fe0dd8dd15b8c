import GraceFrontend

/// One access to shared memory as the seam reports it: where, what for,
/// how it is ordered and the values. An atomic read-modify-write is one
/// access with both halves; a conditional one that failed says so.
public struct MemoryAccess: Sendable, Hashable {
    public enum Kind: UInt8, Sendable {
        case read, write
        /// An atomic read-modify-write that stored (perhaps the same value).
        case update
        /// A conditional read-modify-write that found the wrong value and
        /// only read (a failed cmpxchg, a trylock of a held lock).
        case failedUpdate
    }

    /// What the accessed word is to the kernel: it names the access in
    /// violations ("list write of ...") and lets a reader of events tell a
    /// lock from a counter.
    public enum Role: UInt8, Sendable {
        /// A variable or field the model's code reads or writes.
        case data
        case listLink
        case lockWord
        case rcuHead
        case srcuReaders
        case pageRefcount
        case pageFlags
        case mmCount
        /// A pmd or pte the MMU reads for a hardware walk.
        case pageTableWalk
        /// A CPU's paging-structure cache entry (not memory: see
        /// `SharedLocation.translationCache`).
        case translationCache
        /// A read Grace makes for its own checks (whether the list_head a
        /// union overlays is linked, which SRCU reader index is free); the
        /// kernel makes no such access, and a weak model need not order it.
        case check

        /// How a violation names an access of `kind` in this role.
        public func describe(_ kind: Kind) -> String {
            switch self {
            case .listLink: return "list \(kind.word)"
            case .lockWord: return "lock access"
            case .rcuHead: return "call_rcu"
            case .srcuReaders: return "SRCU"
            case .pageTableWalk: return "hardware walk"
            case .data, .pageRefcount, .pageFlags, .mmCount, .translationCache, .check: return kind.word
            }
        }
    }

    public var kind: Kind
    public var location: SharedLocation
    public var role: Role
    /// The access's class in the catalogue's terms; a failed conditional
    /// RMW keeps its `onSuccess` class, and is unordered (SPEC §2.5).
    public var ordering: OrderingClass
    /// The value read (an update's old value), or the value written.
    public var value: Int64
    /// What an update stored; for other kinds, `value`.
    public var newValue: Int64

    public init(_ kind: Kind, _ location: SharedLocation, role: Role, ordering: OrderingClass, value: Int64, newValue: Int64? = nil) {
        self.kind = kind
        self.location = location
        self.role = role
        self.ordering = ordering
        self.value = value
        self.newValue = newValue ?? value
    }

    public var isWrite: Bool { kind == .write || kind == .update }
}

extension MemoryAccess.Kind {
    /// The noun a violation message uses.
    public var word: String {
        switch self {
        case .read, .failedUpdate: return "read"
        case .write: return "write"
        case .update: return "update"
        }
    }
}
