import GraceFrontend

/// x86-TSO (Owens, Sarkar, Sewell: "A better x86 memory model", TPHOLs 2009;
/// herd7's x86tso.cat) for the kernel compiled for x86: per-CPU FIFO store
/// buffers with forwarding, so program order holds except from a write to a
/// later read, and a read may take its own CPU's buffered write early (rfi is
/// not ordering). Locked instructions and smp_mb drain the buffer: every
/// atomic RMW (void or returning, relaxed or not, a failed cmpxchg included),
/// xchg, cmpxchg, spin_lock and spin_trylock, srcu_read_lock and
/// srcu_read_unlock, and smp_mb, synchronize_rcu and synchronize_srcu.
/// Acquire loads, release stores (spin_unlock among them: x86's
/// queued_spin_unlock is a release store, a `mov`), READ_ONCE/WRITE_ONCE,
/// smp_rmb, smp_wmb and the smp_mb__* helpers are plain moves or compiler
/// barriers.
///
/// RCU's guarantee on top is LKMM's `rcu` axiom, with LKMM's read-side
/// critical sections (rcu_read_lock to rcu_read_unlock): LKMM holds on every
/// architecture the kernel runs on, x86 included.
public struct TSOConsistency: ConsistencyChecker {
    public var kind: MemoryModelKind { .tso }

    public init() {}

    public func violatedAxiom(in relations: GraphRelations, complete: Bool) -> String? {
        let accesses = relations.accesses
        let com = relations.rf | relations.co | relations.fr
        // `acyclic po-loc | com as sc-per-location`
        if !((relations.po & relations.loc) | com).isAcyclic { return "sc-per-location" }
        // `empty rmw & (fre;coe) as atomic`
        if !(relations.rmw & ((relations.fr & relations.ext) ⨾ (relations.co & relations.ext))).isEmpty { return "atomic" }
        // Tree SRCU's srcu_read_lock ends and srcu_read_unlock begins with
        // smp_mb(), and synchronize_srcu is a full barrier as synchronize_rcu is.
        let locked = relations.atomicInstructions | relations.events(tagged: .lockRead, .lockWrite, .lockFail, .srcuLock, .srcuUnlock)
        let memoryPo = relations.po.restricted(from: accesses, to: accesses)
        // Program order but for a write to a later read (the store buffer).
        let ppo = memoryPo - Relation.product(relations.writes, relations.reads)
        // Locked instructions and full fences order everything around them.
        let implied = memoryPo.restricted(to: locked) | memoryPo.restricted(from: locked)
        let mfence = relations.fenceRelation(relations.events(tagged: .mb, .syncRCU, .srcuSync)).restricted(from: accesses, to: accesses)
        let ghb = ppo | implied | mfence | (relations.rf & relations.ext) | relations.co | relations.fr
        if !ghb.isAcyclic { return "tso" }
        if !relations.events(tagged: .syncRCU, .srcuSync).isEmpty, LKMMConsistency().violatedAxiom(in: relations, complete: complete) == "rcu" {
            return "rcu"
        }
        return nil
    }
}
