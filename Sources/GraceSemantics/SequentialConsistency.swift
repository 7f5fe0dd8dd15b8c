import GraceFrontend

/// Sequential consistency: every access is atomic and at once visible to
/// all, so memory is the state's cells and nothing else.
public struct SequentialConsistency: MemoryModel {
    public static let kind = MemoryModelKind.sc

    public static func region(for program: Program) -> MemoryModelRegion { .empty }

    public init(layout: StateLayout, symbols: Symbols) {}

    @inline(__always)
    public func isVisible(_ fence: FenceKind) -> Bool { false }

    @inline(__always)
    public func load(cell: Int, ordering: AccessOrdering, role: MemoryAccess.Role, state: inout MachineState, step: inout Step) -> Int64 {
        state[cell]
    }

    @inline(__always)
    public func store(cell: Int, value: Int64, ordering: AccessOrdering, role: MemoryAccess.Role, state: inout MachineState, step: inout Step) {
        state[cell] = value
    }

    @inline(__always)
    public func rmw(cell: Int, ordering: RMWOrdering, role: MemoryAccess.Role, state: inout MachineState, step: inout Step,
                    _ transform: (Int64) -> Int64?) -> (old: Int64, new: Int64?) {
        let old = state[cell]
        let new = transform(old)
        if let new { state[cell] = new }
        return (old, new)
    }

    @inline(__always)
    public func fence(_ kind: FenceKind, cpu: Int, state: inout MachineState, step: inout Step) {}

    @inline(__always)
    public func gracePeriodEnded(state: inout MachineState, step: inout Step) {}

    public func remark(on kind: MemoryAccess.Kind, as role: MemoryAccess.Role, cell: Int, cpu: Int, in state: MachineState) -> String? { nil }

    @inline(__always)
    public func limitReached(on cpu: Int, in state: MachineState) -> String? { nil }

    @inline(__always)
    public func internalSteps(on cpu: Int, in state: MachineState) -> Int { 0 }

    public func takeInternalStep(_ index: Int, on cpu: Int, _ state: inout MachineState, _ step: inout Step) {
        preconditionFailure("[grace internal bug] sequential consistency has no internal steps")
    }
}
