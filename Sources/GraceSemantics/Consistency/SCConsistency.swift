import GraceFrontend

/// Sequential consistency: some interleaving of all events explains every
/// read (Lamport), i.e. `po | rf | co | fr` is acyclic; each RMW reads the
/// write just before its own; and RCU grace periods wait for the readers that
/// were running when they started (`RCUGracePeriods`), as the state explorer
/// runs them.
public struct SCConsistency: ConsistencyChecker {
    public var kind: MemoryModelKind { .sc }
    /// Under consolidated RCU a CPU holding a spinlock is a reader too.
    public var lockHoldersAreReaders: Bool

    public init(lockHoldersAreReaders: Bool = true) {
        self.lockHoldersAreReaders = lockHoldersAreReaders
    }

    public func violatedAxiom(in relations: GraphRelations, complete: Bool) -> String? {
        let order = relations.po | relations.rf | relations.co | relations.fr
        if !order.isAcyclic { return "sc" }
        if !(relations.rmw & (relations.fr ⨾ relations.co)).isEmpty { return "atomic" }
        let gracePeriods = RCUGracePeriods(relations, lockHoldersAreReaders: lockHoldersAreReaders, complete: complete)
        if !gracePeriods.admitsInterleaving(of: order) { return "rcu" }
        return nil
    }
}
