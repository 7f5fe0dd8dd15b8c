import GraceFrontend

/// The Linux-kernel memory model: linux-kernel.cat with lock.cat and
/// linux-kernel.bell of Linux 6.12, axiom by axiom (coherence, atomic, the
/// lock axioms, happens-before, propagation, rcu, plain-coherence) and the
/// flags herd7 reports (data-race, mixed-accesses, unmatched RCU/SRCU markers).
public struct LKMMConsistency: ConsistencyChecker {
    public var kind: MemoryModelKind { .lkmm }

    /// Locations at and beyond this one are the lifetimes of objects (the
    /// graph explorer's, one per object): a race on one is a
    /// use-after-free, flagged as `use-after-free` rather than `data-race`.
    let lifetimeBase: Int

    public init(lifetimeBase: Int = .max) {
        self.lifetimeBase = lifetimeBase
    }

    public func violatedAxiom(in relations: GraphRelations, complete: Bool) -> String? {
        evaluate(relations, complete: complete, flags: false).violatedAxiom
    }

    public func flags(of relations: GraphRelations) -> [String] {
        evaluate(relations, complete: true, flags: true).flags
    }

    public func flagsIfConsistent(_ relations: GraphRelations) -> [String]? {
        let (axiom, flags) = evaluate(relations, complete: true, flags: true)
        return axiom == nil ? flags : nil
    }

    public func lifetimeRace(in relations: GraphRelations) -> (EventID, EventID)? {
        var race: (EventID, EventID)?
        _ = evaluate(relations, complete: true, flags: true) { race = race ?? $0 }
        return race
    }

    /// Runs the model's definitions in the .cat's order; stops at the first
    /// broken axiom. With `flags`, goes on to the plain-access flags.
    /// `lifetimeRace` hears of each race on an object's lifetime.
    func evaluate(_ relations: GraphRelations, complete: Bool, flags wantFlags: Bool,
                  lifetimeRace: ((EventID, EventID)) -> Void = { _ in }) -> (violatedAxiom: String?, flags: [String]) {
        let lk = LKMMRelations(relations)
        var flags: [String] = []

        // lock.cat: `empty ([LKW] ; po-loc ; [LKR]) \ (po-loc ; [UL] ; po-loc) as lock-nest`
        let betweenUnlock = lk.poLoc.restricted(to: lk.UL) ⨾ lk.poLoc
        if !(lk.poLoc.restricted(from: lk.LKW, to: lk.LKR) - betweenUnlock).isEmpty { return ("lock-nest", flags) }
        // lock.cat: `empty ([LKW] ; po-loc ; [RU]) \ (po-loc ; [UL] ; po-loc) as nested-is-locked`
        if !(lk.poLoc.restricted(from: lk.LKW, to: lk.RU) - betweenUnlock).isEmpty { return ("nested-is-locked", flags) }
        // lock.cat: `let critical = ([LKW] ; po-loc ; [UL]) \ (po-loc ; [LKW | UL] ; po-loc)`
        let critical = lk.poLoc.restricted(from: lk.LKW, to: lk.UL) - (lk.poLoc.restricted(to: lk.LKW | lk.UL) ⨾ lk.poLoc)
        // lock.cat: `let UNMATCHED-LKW = LKW \ domain(critical)`,
        // `empty ([UNMATCHED-LKW] ; loc ; [UNMATCHED-LKW]) \ id as unmatched-locks`;
        // a lock not released yet may still be.
        let unmatchedLKW = lk.LKW - critical.domain
        if complete, !(relations.loc.restricted(from: unmatchedLKW, to: unmatchedLKW) - lk.identity).isEmpty { return ("unmatched-locks", flags) }

        // `let com = rf | co | fr`, `acyclic po-loc | com as coherence`
        let com = lk.rf | lk.co | lk.fr
        if !(lk.poLoc | com).isAcyclic { return ("coherence", flags) }
        // `empty rmw & (fre ; coe) as atomic`
        if !(lk.rmw & (lk.fre ⨾ lk.coe)).isEmpty { return ("atomic", flags) }

        // Fences.
        let poUnlockLockPo = lk.poUnlockLockPo
        let acqPo = lk.acqPo, poRel = lk.poRel
        let rmb = lk.rmb, wmb = lk.wmb
        let mb = lk.mb(poUnlockLockPo: poUnlockLockPo)
        let gp = lk.gp
        // `let strong-fence = mb | gp`
        let strongFence = mb | gp
        // `let nonrw-fence = strong-fence | po-rel | acq-po`
        let nonrwFence = strongFence | poRel | acqPo
        // `let fence = nonrw-fence | wmb | rmb`
        let fence = nonrwFence | wmb | rmb

        // Preserved program order.
        // `let dep = addr | data`, `let rwdep = (dep | ctrl) ; [W]`, `let overwrite = co | fr`
        let dep = lk.addr | lk.data
        let rwdep = (dep | lk.ctrl).restricted(to: lk.W)
        let overwrite = lk.co | lk.fr
        // `let to-w = rwdep | (overwrite & int) | (addr ; [Plain] ; wmb)`
        let toW = rwdep | (overwrite & lk.int) | (lk.addr.restricted(to: lk.Plain) ⨾ wmb)
        // `let to-r = (addr ; [R]) | (dep ; [Marked] ; rfi)`
        let toR = lk.addr.restricted(to: lk.R) | (dep.restricted(to: lk.Marked) ⨾ lk.rfi)
        // `let ppo = to-r | to-w | (fence & int) | (po-unlock-lock-po & int)`
        let ppo = toR | toW | (fence & lk.int) | (poUnlockLockPo & lk.int)

        // Propagation.
        let rmwSequence = lk.rmwSequence
        // `let cumul-fence = [Marked] ; (A-cumul(strong-fence | po-rel) | wmb | po-unlock-lock-po) ; [Marked] ; rmw-sequence`
        let cumulFence = (lk.aCumul(strongFence | poRel) | wmb | poUnlockLockPo).restricted(from: lk.Marked, to: lk.Marked) ⨾ rmwSequence
        let cumulFenceStar = cumulFence.reflexiveTransitiveClosure
        // `let prop = [Marked] ; (overwrite & ext)? ; cumul-fence* ; [Marked] ; rfe? ; [Marked]`
        let prop = ((overwrite & lk.ext).optional.restricted(from: lk.Marked) ⨾ cumulFenceStar).restricted(to: lk.Marked)
            ⨾ lk.rfe.optional.restricted(to: lk.Marked)

        // `let hb = [Marked] ; (ppo | rfe | ((prop \ id) & int)) ; [Marked]`, `acyclic hb as happens-before`
        let hb = (ppo | lk.rfe | ((prop - lk.identity) & lk.int)).restricted(from: lk.Marked, to: lk.Marked)
        if !hb.isAcyclic { return ("happens-before", flags) }
        let hbStar = hb.reflexiveTransitiveClosure

        // `let pb = prop ; strong-fence ; hb* ; [Marked]`, `acyclic pb as propagation`
        let pb = (prop ⨾ strongFence ⨾ hbStar).restricted(to: lk.Marked)
        if !pb.isAcyclic { return ("propagation", flags) }
        let pbStar = pb.reflexiveTransitiveClosure

        // RCU.
        let rcu = LKMMReadSideSections(lk)
        var rb = Relation(size: lk.size)
        var rcuFence = Relation(size: lk.size)
        if rcu.hasGracePeriods {
            // `let rcu-link = po? ; hb* ; pb* ; prop ; po`
            let rcuLink = lk.po.optional ⨾ hbStar ⨾ pbStar ⨾ prop ⨾ lk.po
            let rcuOrder = rcu.order(link: rcuLink)
            // `let rcu-fence = po ; rcu-order ; po?`
            rcuFence = lk.po ⨾ rcuOrder ⨾ lk.po.optional
            // `let rb = prop ; rcu-fence ; hb* ; pb* ; [Marked]`, `irreflexive rb as rcu`
            rb = (prop ⨾ rcuFence ⨾ hbStar ⨾ pbStar).restricted(to: lk.Marked)
            if !rb.isIrreflexive { return ("rcu", flags) }
        }
        if wantFlags { flags += rcu.flags }

        // Plain accesses: only needed when there are some, or for the flags.
        guard !lk.Plain.isEmpty else { return (nil, flags) }
        let races = LKMMPlainAccesses(
            lk: lk, hb: hb, pb: pb, rb: rb, cumulFence: cumulFenceStar, rmwSequence: rmwSequence,
            fence: fence | rcuFence, strongFence: strongFence | rcuFence, nonrwFence: nonrwFence)
        if races.isIncoherent { return ("plain-coherence", flags) }
        if wantFlags {
            if races.hasMixedAccesses(barrier: lk.barrier) { flags.append("mixed-accesses") }
            var dataRace = false, useAfterFree = false
            for (first, second) in races.races.pairs {
                if let location = relations.eventLocations[first], location >= lifetimeBase {
                    useAfterFree = true
                    lifetimeRace((relations.ids[first], relations.ids[second]))
                } else {
                    dataRace = true
                }
            }
            if dataRace { flags.append("data-race") }
            if useAfterFree { flags.append("use-after-free") }
        }
        return (nil, flags)
    }
}
