/// RCU's grace-period guarantee for an interleaving semantics: a
/// synchronize_rcu() starts, then returns only after every CPU that was in a
/// read-side critical section when it started has left it. A synchronize_rcu
/// is thus two points, its start and its return, and for each reader period
/// [L, U] of another CPU one of two things holds: the period starts after the
/// grace period does (start < L), or it ends before the grace period does
/// (U < return). The graph is consistent when some choice for every pair keeps
/// the execution order acyclic; the search tries them, skipping pairs that
/// the order already settles. synchronize_srcu() is the same with the SRCU
/// readers of its srcu_struct: each srcu_read_lock to the unlock that takes
/// its index, on whichever thread.
struct RCUGracePeriods {
    private struct Constraint {
        var start: Int
        var end: Int
        var readerStart: Int
        var readerEnd: Int?
    }

    private typealias Period = (start: Int, end: Int?)

    private let relations: GraphRelations
    private let syncs: [Int]
    /// The reader periods each grace period in `syncs` waits for.
    private let waitsFor: [Int: [Period]]

    /// RCU reader periods are the maximal stretches of a thread inside
    /// rcu_read_lock nesting or, with `lockHoldersAreReaders`, holding a
    /// spinlock. In a partial graph a period not ended yet may still end, so
    /// it constrains nothing yet.
    init(_ relations: GraphRelations, lockHoldersAreReaders: Bool, complete: Bool) {
        self.relations = relations
        let rcuSyncs = relations.events(tagged: .syncRCU).members
        let srcuSyncs = relations.events(tagged: .srcuSync).members
        syncs = (rcuSyncs + srcuSyncs).sorted()
        var waitsFor: [Int: [Period]] = [:]
        if !rcuSyncs.isEmpty {
            let periods = Self.rcuPeriods(relations, lockHoldersAreReaders: lockHoldersAreReaders, complete: complete)
            for sync in rcuSyncs { waitsFor[sync] = periods }
        }
        if !srcuSyncs.isEmpty {
            let sections = relations.srcuReadSideSections
            var periods: [Period] = sections.pairs.map { ($0.0, $0.1) }
            if complete {
                periods += (relations.events(tagged: .srcuLock) - sections.domain).members.map { ($0, nil) }
            }
            for sync in srcuSyncs {
                waitsFor[sync] = periods.filter { relations.loc.contains(sync, $0.start) }
            }
        }
        self.waitsFor = waitsFor
    }

    private static func rcuPeriods(_ relations: GraphRelations, lockHoldersAreReaders: Bool, complete: Bool) -> [Period] {
        var periods: [Period] = []
        for (thread, start) in relations.threadStart.enumerated() {
            var depth = 0
            var opened = 0
            for position in start..<(start + relations.graph.threads[thread].count) {
                let tag = relations.graph.threads[thread][position - start].tag
                let delta: Int
                switch tag {
                case .rcuLock: delta = 1
                case .rcuUnlock: delta = -1
                case .lockWrite where lockHoldersAreReaders: delta = 1
                case .unlock where lockHoldersAreReaders: delta = -1
                default: delta = 0
                }
                if delta > 0, depth == 0 { opened = position }
                if delta < 0, depth == 1 { periods.append((opened, position)) }
                depth = max(0, depth + delta)
            }
            if depth > 0, complete { periods.append((opened, nil)) }
        }
        return periods
    }

    /// Whether some placement of each grace period's return keeps `order`
    /// (po | rf | co | fr, acyclic) acyclic under the guarantee.
    func admitsInterleaving(of order: Relation) -> Bool {
        guard waitsFor.values.contains(where: { !$0.isEmpty }) else { return true }
        // Each synchronize_rcu event stands for its start; its return is a new
        // node after it, which takes over its program-order successors.
        let size = relations.size + syncs.count
        var split = Relation(size: size)
        var returnNode: [Int: Int] = [:]
        for (offset, sync) in syncs.enumerated() { returnNode[sync] = relations.size + offset }
        for (from, to) in order.pairs {
            if let end = returnNode[from], relations.po.contains(from, to) {
                split.insert(end, to)
            } else {
                split.insert(from, to)
            }
        }
        for (sync, end) in returnNode { split.insert(sync, end) }
        var constraints: [Constraint] = []
        for sync in syncs {
            for period in waitsFor[sync] ?? [] {
                constraints.append(Constraint(start: sync, end: returnNode[sync]!, readerStart: period.start, readerEnd: period.end))
            }
        }
        return search(split, constraints[...])
    }

    private func search(_ order: Relation, _ constraints: ArraySlice<Constraint>) -> Bool {
        let closure = order.transitiveClosure
        if !closure.isIrreflexive { return false }
        guard let constraint = constraints.first else { return true }
        let rest = constraints.dropFirst()
        let startsAfter = closure.contains(constraint.start, constraint.readerStart)
        let endsBefore = constraint.readerEnd.map { closure.contains($0, constraint.end) } ?? false
        if startsAfter || endsBefore { return search(order, rest) }
        if !closure.contains(constraint.readerStart, constraint.start) {
            var later = order
            later.insert(constraint.start, constraint.readerStart)
            if search(later, rest) { return true }
        }
        if let readerEnd = constraint.readerEnd, !closure.contains(constraint.end, readerEnd) {
            var earlier = order
            earlier.insert(readerEnd, constraint.end)
            if search(earlier, rest) { return true }
        }
        return false
    }
}
