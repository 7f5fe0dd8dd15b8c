import GraceFrontend

/// The seam between the interpreter and a memory model. The interpreter asks
/// the model to perform every shared-memory access and fence; a model may keep
/// its own buffers in state words it reserves, and may add transitions of its
/// own (a store buffer draining). SC is the identity; TSO and LKMM plug in here.
public protocol MemoryModel: Sendable {
    static var kind: MemoryModelKind { get }

    /// Whether a fence is a step of its own (it is not under SC).
    func isVisible(_ fence: FenceKind) -> Bool

    func load(cell: Int, ordering: AccessOrdering, cpu: Int, state: inout MachineState) -> Int64
    func store(cell: Int, value: Int64, ordering: AccessOrdering, cpu: Int, state: inout MachineState)
    func fence(_ kind: FenceKind, cpu: Int, state: inout MachineState)
}

/// Sequential consistency: every access is atomic and at once visible to all.
public struct SequentialConsistency: MemoryModel {
    public static let kind = MemoryModelKind.sc

    public init() {}

    @inline(__always)
    public func isVisible(_ fence: FenceKind) -> Bool { false }

    @inline(__always)
    public func load(cell: Int, ordering: AccessOrdering, cpu: Int, state: inout MachineState) -> Int64 {
        state[cell]
    }

    @inline(__always)
    public func store(cell: Int, value: Int64, ordering: AccessOrdering, cpu: Int, state: inout MachineState) {
        state[cell] = value
    }

    @inline(__always)
    public func fence(_ kind: FenceKind, cpu: Int, state: inout MachineState) {}
}
