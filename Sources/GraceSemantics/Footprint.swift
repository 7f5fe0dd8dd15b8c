/// What one step touched, which is what a partial-order reduction needs to
/// know whether two steps commute: the shared locations it read and wrote
/// (from the accesses it made through the memory model, the lifetimes of
/// the objects they were in, and the allocator's), where it ran, and
/// whether it changed the kernel's bookkeeping.
public struct Footprint: Sendable, Hashable {
    public var cpu: Int
    public var context: ContextKind
    /// Sorted; an update both reads and writes its cell.
    public var reads: [SharedLocation]
    public var writes: [SharedLocation]
    /// Whether the step changed a CPU's IRQ, bh, preempt or RCU state, a
    /// lock count, a pending IPI, the RCU callback queue, a wait or a
    /// context's status: state that other steps read without it showing in
    /// their accesses (a grace period ends when no CPU is reading), so such
    /// a step counts as dependent on every other.
    public var touchesKernelBookkeeping: Bool

    public init(cpu: Int, context: ContextKind, reads: [SharedLocation], writes: [SharedLocation], touchesKernelBookkeeping: Bool) {
        self.cpu = cpu
        self.context = context
        self.reads = reads
        self.writes = writes
        self.touchesKernelBookkeeping = touchesKernelBookkeeping
    }

    /// Whether the two steps may not commute: they run on the same CPU,
    /// either changes kernel bookkeeping, or one writes what the other
    /// reads or writes.
    public func isDependent(on other: Footprint) -> Bool {
        if cpu == other.cpu || touchesKernelBookkeeping || other.touchesKernelBookkeeping { return true }
        return writes.contains { other.reads.contains($0) || other.writes.contains($0) } || other.writes.contains { reads.contains($0) }
    }
}
