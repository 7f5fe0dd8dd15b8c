/// The relations of the Linux-kernel memory model for one graph, as
/// linux-kernel.bell, lock.cat and linux-kernel.cat (Linux 6.12) define them.
/// Each definition cites the .cat line it implements. Relations are computed
/// in the files' order, so the axioms can be tested as soon as what they need
/// exists and the rest skipped once one fails.
///
/// Lock events are ordinary reads and writes of their lock's cell here: a lock
/// acquisition is a read of 0 from the initial write or an unlock, a
/// read-modify-write with its lock-write of 1; an unlock writes 0. Coherence
/// and atomicity then give exactly the co and rf that lock.cat builds (each
/// UL right after its LKW, each LKR reading its LKW's co-predecessor).
struct LKMMRelations {
    let base: GraphRelations
    let size: Int

    // MARK: Sets (linux-kernel.bell, lock.cat)
    let R: EventSet
    let W: EventSet
    let M: EventSet
    let IW: EventSet
    let Once: EventSet
    let Acquire: EventSet
    let Release: EventSet
    let Noreturn: EventSet
    let RMW: EventSet
    let LKR: EventSet, LKW: EventSet, UL: EventSet, LF: EventSet, RU: EventSet
    let srcuLock: EventSet, srcuUnlock: EventSet, syncSRCU: EventSet
    /// `let Marked = (~M) | IW | Once | Release | Acquire | domain(rmw) | range(rmw) | LKR | LKW | UL | LF | RL | RU | Srcu-lock | Srcu-unlock`
    let Marked: EventSet
    /// `let Plain = M \ Marked`
    let Plain: EventSet

    // MARK: Base relations
    let po: Relation
    let poLoc: Relation
    let rf: Relation, rfe: Relation, rfi: Relation
    let co: Relation, coe: Relation
    let fr: Relation, fre: Relation
    let int: Relation, ext: Relation
    /// lock.cat: `let rmw = rmw | lk-rmw`
    let rmw: Relation
    /// linux-kernel.bell: `let addr = carry-dep ; addr` and likewise data, ctrl.
    let addr: Relation, data: Relation, ctrl: Relation

    init(_ base: GraphRelations) {
        self.base = base
        size = base.size
        R = base.reads
        W = base.writes
        M = base.reads | base.writes
        IW = base.initialWrites
        Once = base.events(tagged: .once)
        // lock.cat: `let Release = Release | UL`, `let Acquire = Acquire | LKR`
        Acquire = base.events(tagged: .acquire, .lockRead)
        Release = base.events(tagged: .release, .unlock)
        Noreturn = base.events(tagged: .noreturn)
        RMW = base.atomicInstructions
        LKR = base.events(tagged: .lockRead)
        LKW = base.events(tagged: .lockWrite)
        UL = base.events(tagged: .unlock)
        // lock.cat: `let LF = LF | RL`
        LF = base.events(tagged: .lockFail, .readLocked)
        RU = base.events(tagged: .readUnlocked)
        srcuLock = base.events(tagged: .srcuLock)
        srcuUnlock = base.events(tagged: .srcuUnlock)
        syncSRCU = base.events(tagged: .srcuSync)
        Marked = ~M | IW | Once | Release | Acquire | base.rmw.domain | base.rmw.range | LKR | LKW | UL | LF | RU | srcuLock | srcuUnlock
        Plain = M - Marked

        po = base.po
        poLoc = base.po & base.loc
        int = base.int
        ext = base.ext
        rf = base.rf
        rfe = rf & ext
        rfi = rf & int
        co = base.co
        coe = co & ext
        fr = base.fr
        fre = fr & ext
        rmw = base.rmw
        // linux-kernel.bell: `let carry-dep = (data ; [~ Srcu-unlock] ; rfi)*`
        let carryDep = (base.data.restricted(to: ~srcuUnlock) ⨾ rfi).reflexiveTransitiveClosure
        addr = carryDep ⨾ base.addr
        ctrl = carryDep ⨾ base.ctrl
        data = carryDep ⨾ base.data
    }

    func id(_ set: EventSet) -> Relation { Relation.identity(on: set) }

    var identity: Relation { base.identity }

    // MARK: Basic relations (linux-kernel.cat)

    /// `let acq-po = [Acquire] ; po ; [M]`
    var acqPo: Relation { po.restricted(from: Acquire, to: M) }
    /// `let po-rel = [M] ; po ; [Release]`
    var poRel: Relation { po.restricted(from: M, to: Release) }
    /// `let po-unlock-lock-po = po ; [UL] ; (po|rf) ; [LKR] ; po`
    var poUnlockLockPo: Relation { po.restricted(to: UL) ⨾ (po | rf).restricted(to: LKR) ⨾ po }

    /// `let R4rmb = R \ Noreturn`
    var R4rmb: EventSet { R - Noreturn }
    /// `let rmb = [R4rmb] ; fencerel(Rmb) ; [R4rmb]`
    var rmb: Relation { base.fenceRelation(base.events(tagged: .rmb)).restricted(from: R4rmb, to: R4rmb) }
    /// `let wmb = [W] ; fencerel(Wmb) ; [W]`
    var wmb: Relation { base.fenceRelation(base.events(tagged: .wmb)).restricted(from: W, to: W) }

    /// `let mb = ([M] ; fencerel(Mb) ; [M]) | ([M] ; fencerel(Before-atomic) ; [RMW] ; po? ; [M]) |
    /// ([M] ; po? ; [RMW] ; fencerel(After-atomic) ; [M]) | ([M] ; po? ; [LKW] ; fencerel(After-spinlock) ; [M]) |
    /// ([M] ; po-unlock-lock-po ; [After-unlock-lock] ; po ; [M]) |
    /// ([M] ; po? ; [Srcu-unlock] ; fencerel(After-srcu-read-unlock) ; [M])`
    func mb(poUnlockLockPo: Relation) -> Relation {
        let poOptional = po.optional
        var result = base.fenceRelation(base.events(tagged: .mb)).restricted(from: M, to: M)
        result.formUnion((base.fenceRelation(base.events(tagged: .beforeAtomic)).restricted(from: M, to: RMW) ⨾ poOptional).restricted(to: M))
        result.formUnion((poOptional.restricted(from: M, to: RMW) ⨾ base.fenceRelation(base.events(tagged: .afterAtomic))).restricted(to: M))
        result.formUnion((poOptional.restricted(from: M, to: LKW) ⨾ base.fenceRelation(base.events(tagged: .afterSpinlock))).restricted(to: M))
        result.formUnion((poUnlockLockPo.restricted(from: M, to: base.events(tagged: .afterUnlockLock)) ⨾ po).restricted(to: M))
        result.formUnion((poOptional.restricted(from: M, to: srcuUnlock) ⨾ base.fenceRelation(base.events(tagged: .afterSRCUReadUnlock))).restricted(to: M))
        return result
    }

    /// `let gp = po ; [Sync-rcu | Sync-srcu] ; po?`
    var gp: Relation { po.restricted(to: base.events(tagged: .syncRCU) | syncSRCU) ⨾ po.optional }

    /// `let barrier = fencerel(Barrier | Rmb | Wmb | Mb | Sync-rcu | Sync-srcu | Before-atomic | After-atomic |
    /// Acquire | Release | Rcu-lock | Rcu-unlock | Srcu-lock | Srcu-unlock) | (po ; [Release]) | ([Acquire] ; po)`
    var barrier: Relation {
        let fences = base.events(tagged: .barrier, .rmb, .wmb, .mb, .syncRCU, .srcuSync, .beforeAtomic, .afterAtomic, .rcuLock, .rcuUnlock)
            | Acquire | Release | srcuLock | srcuUnlock
        return base.fenceRelation(fences) | po.restricted(to: Release) | po.restricted(from: Acquire)
    }

    /// `let A-cumul(r) = (rfe ; [Marked])? ; r`
    func aCumul(_ relation: Relation) -> Relation {
        rfe.restricted(to: Marked).optional ⨾ relation
    }

    /// `let rmw-sequence = (rf ; rmw)*`
    var rmwSequence: Relation { (rf ⨾ rmw).reflexiveTransitiveClosure }
}
