/// Plain accesses and data races: the last part of linux-kernel.cat, which
/// bounds the lifetimes of plain accesses by marked ones and fences.
struct LKMMPlainAccesses {
    let lk: LKMMRelations
    let preRace: Relation
    let fence: Relation
    let wwVis: Relation
    let wrVis: Relation
    let rwXbstar: Relation

    /// `fence` and `strongFence` are the redefinitions that include
    /// rcu-fence; `nonrwFence` is the original.
    init(lk: LKMMRelations, hb: Relation, pb: Relation, rb: Relation, cumulFence cumulFenceStar: Relation, rmwSequence: Relation,
         fence: Relation, strongFence: Relation, nonrwFence: Relation) {
        self.lk = lk
        self.fence = fence
        let marked = lk.Marked
        // `let xbstar = (hb | pb | rb)*`
        let xbstar = (hb | pb | rb).reflexiveTransitiveClosure
        // `let vis = cumul-fence* ; rfe? ; [Marked] ; ((strong-fence ; [Marked] ; xbstar) | (xbstar & int))`
        let vis = (cumulFenceStar ⨾ lk.rfe.optional).restricted(to: marked)
            ⨾ ((strongFence.restricted(to: marked) ⨾ xbstar) | (xbstar & lk.int))
        let addr = lk.addr
        let rmbFence = lk.base.fenceRelation(lk.base.events(tagged: .rmb))
        // `let w-pre-bounded = [Marked] ; (addr | fence)?`
        let wPreBounded = (addr | fence).optional.restricted(from: marked)
        // `let r-pre-bounded = [Marked] ; (addr | nonrw-fence | ([R4rmb] ; fencerel(Rmb) ; [~Noreturn]))?`
        let rPreBounded = (addr | nonrwFence | rmbFence.restricted(from: lk.R4rmb, to: ~lk.Noreturn)).optional.restricted(from: marked)
        // `let w-post-bounded = fence? ; [Marked] ; rmw-sequence`
        let wPostBounded = fence.optional.restricted(to: marked) ⨾ rmwSequence
        // `let r-post-bounded = (nonrw-fence | ([~Noreturn] ; fencerel(Rmb) ; [R4rmb]))? ; [Marked]`
        let rPostBounded = (nonrwFence | rmbFence.restricted(from: ~lk.Noreturn, to: lk.R4rmb)).optional.restricted(to: marked)
        // `let ww-vis = fence | (strong-fence ; xbstar ; w-pre-bounded) | (w-post-bounded ; vis ; w-pre-bounded)`
        wwVis = fence | (strongFence ⨾ xbstar ⨾ wPreBounded) | (wPostBounded ⨾ vis ⨾ wPreBounded)
        // `let wr-vis = fence | (strong-fence ; xbstar ; r-pre-bounded) | (w-post-bounded ; vis ; r-pre-bounded)`
        wrVis = fence | (strongFence ⨾ xbstar ⨾ rPreBounded) | (wPostBounded ⨾ vis ⨾ rPreBounded)
        // `let rw-xbstar = fence | (r-post-bounded ; xbstar ; w-pre-bounded)`
        rwXbstar = fence | (rPostBounded ⨾ xbstar ⨾ wPreBounded)
        // `let pre-race = ext & ((Plain * M) | ((M \ IW) * Plain))`
        preRace = lk.ext & (Relation.product(lk.Plain, lk.M) | Relation.product(lk.M - lk.IW, lk.Plain))
    }

    /// `empty (wr-incoh | rw-incoh | ww-incoh) as plain-coherence`, with
    /// `let wr-incoh = pre-race & rf & rw-xbstar^-1`,
    /// `let rw-incoh = pre-race & fr & wr-vis^-1`,
    /// `let ww-incoh = pre-race & co & ww-vis^-1`.
    var isIncoherent: Bool {
        !(preRace & lk.rf & rwXbstar.inverse).isEmpty
            || !(preRace & lk.fr & wrVis.inverse).isEmpty
            || !(preRace & lk.co & wwVis.inverse).isEmpty
    }

    /// The pairs `flag ~empty (ww-race | wr-race | rw-race) as data-race`
    /// flags, with
    /// `let ww-nonrace = ww-vis & ((Marked * W) | rw-xbstar) & ((W * Marked) | wr-vis)`,
    /// `let ww-race = (pre-race & co) \ ww-nonrace`,
    /// `let wr-race = (pre-race & (co? ; rf)) \ wr-vis \ rw-xbstar^-1`,
    /// `let rw-race = (pre-race & fr) \ rw-xbstar`.
    var races: Relation {
        let wwNonrace = wwVis & (Relation.product(lk.Marked, lk.W) | rwXbstar) & (Relation.product(lk.W, lk.Marked) | wrVis)
        return ((preRace & lk.co) - wwNonrace)
            | ((preRace & (lk.co.optional ⨾ lk.rf)) - wrVis - rwXbstar.inverse)
            | ((preRace & lk.fr) - rwXbstar)
    }

    /// `flag ~empty mixed-accesses as mixed-accesses`, with
    /// `let mixed-accesses = ([Plain & W] ; (po-loc \ barrier) ; [Marked]) | ([Marked] ; (po-loc \ barrier) ; [Plain & W])`.
    func hasMixedAccesses(barrier: Relation) -> Bool {
        let plainWrites = lk.Plain & lk.W
        let unordered = lk.poLoc - barrier
        return !unordered.restricted(from: plainWrites, to: lk.Marked).isEmpty
            || !unordered.restricted(from: lk.Marked, to: plainWrites).isEmpty
    }
}
