/// RCU and SRCU read-side critical sections and the rcu-order they induce:
/// the RCU part of linux-kernel.bell and linux-kernel.cat.
struct LKMMReadSideSections {
    let lk: LKMMRelations
    /// linux-kernel.bell `rcu-rscs`: each rcu_read_lock to its matching unlock.
    let rcuRscs: Relation
    /// linux-kernel.bell `srcu-rscs`: each srcu_read_lock to the unlock that
    /// carries its index back, on the same srcu_struct.
    let srcuRscs: Relation
    let syncRCU: EventSet
    /// The flags of linux-kernel.bell about unmatched or misused markers.
    let flags: [String]

    init(_ lk: LKMMRelations) {
        self.lk = lk
        let base = lk.base
        // linux-kernel.bell's `let rcu-rscs = let rec unmatched-locks = ... in matched`
        // pairs each unlock with the nearest unmatched lock before it, innermost
        // pairs first; a stack per thread in program order does the same.
        var rscs = Relation(size: lk.size)
        let locks = base.events(tagged: .rcuLock), unlocks = base.events(tagged: .rcuUnlock)
        var unmatchedLocks = false, unmatchedUnlocks = false
        for (thread, start) in base.threadStart.enumerated() {
            var open: [Int] = []
            for position in start..<(start + base.graph.threads[thread].count) {
                if locks.contains(position) {
                    open.append(position)
                } else if unlocks.contains(position) {
                    if let lock = open.popLast() { rscs.insert(lock, position) } else { unmatchedUnlocks = true }
                }
            }
            if !open.isEmpty { unmatchedLocks = true }
        }
        rcuRscs = rscs
        syncRCU = base.events(tagged: .syncRCU)
        srcuRscs = base.srcuReadSideSections

        var flags: [String] = []
        // `flag ~empty Rcu-lock \ domain(rcu-rscs) as unmatched-rcu-lock` and the unlock twin.
        if unmatchedLocks { flags.append("unmatched-rcu-lock") }
        if unmatchedUnlocks { flags.append("unmatched-rcu-unlock") }
        // `flag ~empty Srcu-lock \ domain(srcu-rscs) as unmatched-srcu-lock` and the unlock twin.
        if !(lk.srcuLock - srcuRscs.domain).isEmpty { flags.append("unmatched-srcu-lock") }
        if !(lk.srcuUnlock - srcuRscs.range).isEmpty { flags.append("unmatched-srcu-unlock") }
        // `flag ~empty (srcu-rscs^-1 ; srcu-rscs) \ id as multiple-srcu-matches`
        if !((srcuRscs.inverse ⨾ srcuRscs) - lk.identity).isEmpty { flags.append("multiple-srcu-matches") }
        // `flag ~empty rcu-rscs & (po ; [Sync-srcu] ; po) as invalid-sleep`
        if !(rscs & (lk.po.restricted(to: lk.syncSRCU) ⨾ lk.po)).isEmpty { flags.append("invalid-sleep") }
        // `flag ~empty different-values(srcu-rscs) as srcu-bad-value-match`
        if !base.differentValues(srcuRscs).isEmpty { flags.append("srcu-bad-value-match") }
        self.flags = flags
    }

    /// Whether there is any grace period, without which rcu-order is empty.
    var hasGracePeriods: Bool { !syncRCU.isEmpty || !lk.syncSRCU.isEmpty }

    /// linux-kernel.cat's `let rec rcu-order = ...`: sequences of grace periods
    /// and critical sections, joined by rcu-link, with at least as many grace
    /// periods as critical sections (SRCU ones on the same srcu_struct). The
    /// least fixed point, by iteration from the empty relation.
    func order(link: Relation) -> Relation {
        let loc = lk.base.loc
        // `let rcu-gp = [Sync-rcu]`, `let srcu-gp = [Sync-srcu]`
        let rcuGP = lk.id(syncRCU), srcuGP = lk.id(lk.syncSRCU)
        // `let rcu-rscsi = rcu-rscs^-1`, `let srcu-rscsi = srcu-rscs^-1`
        let rcuRscsi = rcuRscs.inverse, srcuRscsi = srcuRscs.inverse
        // The terms without rcu-order.
        let rcuGPLink = rcuGP ⨾ link, srcuGPLink = srcuGP ⨾ link
        let rcuRscsiLink = rcuRscsi ⨾ link, srcuRscsiLink = srcuRscsi ⨾ link
        let linkRcuRscsi = link ⨾ rcuRscsi, linkSrcuRscsi = link ⨾ srcuRscsi
        let linkRcuGP = link ⨾ rcuGP, linkSrcuGP = link ⨾ srcuGP
        let fixed = rcuGP | srcuGP
            | (rcuGPLink ⨾ rcuRscsi)
            | ((srcuGPLink ⨾ srcuRscsi) & loc)
            | (rcuRscsiLink ⨾ rcuGP)
            | ((srcuRscsiLink ⨾ srcuGP) & loc)
        var order = fixed
        while true {
            var next = fixed
            next.formUnion(rcuGPLink ⨾ order ⨾ linkRcuRscsi)
            next.formUnion((srcuGPLink ⨾ order ⨾ linkSrcuRscsi) & loc)
            next.formUnion(rcuRscsiLink ⨾ order ⨾ linkRcuGP)
            next.formUnion((srcuRscsiLink ⨾ order ⨾ linkSrcuGP) & loc)
            next.formUnion(order ⨾ link ⨾ order)
            if next == order { return order }
            order = next
        }
    }
}
