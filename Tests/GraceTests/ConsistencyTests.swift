import GraceSemantics
import Testing

/// The classic shapes as hand-built graphs, each the execution of the test's
/// interesting outcome, judged by every model. LKMM verdicts are those herd7
/// gives the same litmus test with linux-kernel.cat (the kernel's test of
/// that name where it has one); SC forbids every cycle; TSO forbids all but
/// a write followed by a read of another location.
@Suite struct ConsistencyTests {
    static let (x, y, z, s) = (0, 1, 2, 3)
    typealias Verdicts = (sc: String?, tso: String?, lkmm: String?)

    /// SB: each thread writes one location and reads the other's initial value.
    static func storeBuffering(fence: EventTag? = nil) -> GraphSketch {
        var g = GraphSketch(threads: 2)
        g.write(0, x, 1)
        if let fence { g.fence(0, fence) }
        g.read(0, y)
        g.write(1, y, 1)
        if let fence { g.fence(1, fence) }
        g.read(1, x)
        return g
    }

    @Test func storeBuffering() {
        let plain = Self.storeBuffering().verdicts()
        #expect(plain.sc == "sc" && plain.tso == nil && plain.lkmm == nil)
        let fenced = Self.storeBuffering(fence: .mb).verdicts()
        #expect(fenced.sc == "sc" && fenced.tso == "tso" && fenced.lkmm == "propagation")
        // smp_wmb orders writes only: SB+wmbs stays allowed.
        #expect(Self.storeBuffering(fence: .wmb).verdicts().lkmm == nil)
    }

    /// MP: P1 sees the flag but not the data.
    static func messagePassing(writerFence: EventTag? = nil, readerFence: EventTag? = nil,
                               flagWrite: EventTag = .once, flagRead: EventTag = .once) -> GraphSketch {
        var g = GraphSketch(threads: 2)
        g.write(0, x, 1)
        if let writerFence { g.fence(0, writerFence) }
        let flag = g.write(0, y, 1, flagWrite)
        g.read(1, y, from: flag, flagRead)
        if let readerFence { g.fence(1, readerFence) }
        g.read(1, x)
        return g
    }

    @Test func messagePassing() {
        let plain = Self.messagePassing().verdicts()
        #expect(plain.sc == "sc" && plain.tso == "tso" && plain.lkmm == nil)
        #expect(Self.messagePassing(writerFence: .wmb, readerFence: .rmb).verdicts().lkmm == "happens-before")
        #expect(Self.messagePassing(flagWrite: .release, flagRead: .acquire).verdicts().lkmm == "happens-before")
        // One side ordered is not enough.
        #expect(Self.messagePassing(writerFence: .wmb).verdicts().lkmm == nil)
        #expect(Self.messagePassing(flagRead: .acquire).verdicts().lkmm == nil)
    }

    /// LB: each read sees the other thread's later write.
    static func loadBuffering(dependency: (inout GraphSketch, Int, EventID) -> Void) -> GraphSketch {
        var g = GraphSketch(threads: 2)
        let rx = g.read(0, x)
        dependency(&g, 0, rx)
        let ry = g.read(1, y)
        dependency(&g, 1, ry)
        let wy = EventID(thread: 0, index: 1), wx = EventID(thread: 1, index: 1)
        g.graph.setReadsFrom(rx, wx)
        g.graph.setReadsFrom(ry, wy)
        return g
    }

    @Test func loadBuffering() {
        let plain = Self.loadBuffering { g, thread, _ in g.write(thread, thread == 0 ? Self.y : Self.x, 1) }.verdicts()
        #expect(plain.sc == "sc" && plain.tso == "tso" && plain.lkmm == nil)
        // LB+ctrls: each write under a branch on the read: forbidden.
        let control = Self.loadBuffering { g, thread, read in g.write(thread, thread == 0 ? Self.y : Self.x, 1, ctrl: [read]) }
        #expect(control.verdicts().lkmm == "happens-before")
        // A data dependency on one side only (LB+datas above): still allowed.
        var oneSided = Self.loadBuffering { g, thread, read in
            g.write(thread, thread == 0 ? Self.y : Self.x, 1, data: thread == 0 ? [read] : [])
        }
        #expect(oneSided.verdicts().lkmm == nil)
        oneSided.graph[EventID(thread: 1, index: 0)].tag = .acquire
        #expect(oneSided.verdicts().lkmm == "happens-before")
    }

    /// WRC: P1 passes x on to P2 through y; P2 sees y but not x.
    static func writeToReadCausality(release: Bool = false, acquire: Bool = false, wmb: Bool = false, rmb: Bool = false) -> GraphSketch {
        var g = GraphSketch(threads: 3)
        let wx = g.write(0, x, 1)
        g.read(1, x, from: wx)
        if wmb { g.fence(1, .wmb) }
        let wy = g.write(1, y, 1, release ? .release : .once)
        g.read(2, y, from: wy, acquire ? .acquire : .once)
        if rmb { g.fence(2, .rmb) }
        g.read(2, x)
        return g
    }

    @Test func writeToReadCausality() {
        let plain = Self.writeToReadCausality().verdicts()
        #expect(plain.sc == "sc" && plain.tso == "tso" && plain.lkmm == nil)
        #expect(Self.writeToReadCausality(release: true, acquire: true).verdicts().lkmm != nil)
        #expect(Self.writeToReadCausality(release: true, rmb: true).verdicts().lkmm != nil)
        // smp_wmb is not A-cumulative: WRC+wmb+rmb stays allowed.
        #expect(Self.writeToReadCausality(wmb: true, rmb: true).verdicts().lkmm == nil)
    }

    /// IRIW: two readers see two independent writes in opposite orders.
    static func independentReads(fence: EventTag? = nil) -> GraphSketch {
        var g = GraphSketch(threads: 4)
        let wx = g.write(0, x, 1)
        g.read(1, x, from: wx)
        if let fence { g.fence(1, fence) }
        g.read(1, y)
        let wy = g.write(2, y, 1)
        g.read(3, y, from: wy)
        if let fence { g.fence(3, fence) }
        g.read(3, x)
        return g
    }

    @Test func independentReadsOfIndependentWrites() {
        let plain = Self.independentReads().verdicts()
        #expect(plain.sc == "sc" && plain.tso == "tso" && plain.lkmm == nil)
        #expect(Self.independentReads(fence: .mb).verdicts().lkmm == "propagation")
        // IRIW is not forbidden by smp_rmb: LKMM is not multicopy-atomic.
        #expect(Self.independentReads(fence: .rmb).verdicts().lkmm == nil)
    }

    /// 2+2W: each location ends with the value of the thread's first write.
    static func twoPlusTwoWrites(fence: EventTag? = nil, secondTag: EventTag = .once) -> GraphSketch {
        var g = GraphSketch(threads: 2)
        let x1 = g.write(0, x, 1)
        if let fence { g.fence(0, fence) }
        let y2 = g.write(0, y, 2, secondTag)
        let y1 = g.write(1, y, 1)
        if let fence { g.fence(1, fence) }
        let x2 = g.write(1, x, 2, secondTag)
        g.coherence(x, x2, x1)
        g.coherence(y, y2, y1)
        return g
    }

    @Test func twoPlusTwoWrites() {
        let plain = Self.twoPlusTwoWrites().verdicts()
        #expect(plain.sc == "sc" && plain.tso == "tso" && plain.lkmm == nil)
        #expect(Self.twoPlusTwoWrites(fence: .wmb).verdicts().lkmm == nil)
        #expect(Self.twoPlusTwoWrites(secondTag: .release).verdicts().lkmm == nil)
        #expect(Self.twoPlusTwoWrites(fence: .mb).verdicts().lkmm == "propagation")
    }

    /// R: y ends with P1's 2 after P0's 1, and P1 misses x.
    static func rShape(fence: EventTag? = nil) -> GraphSketch {
        var g = GraphSketch(threads: 2)
        g.write(0, x, 1)
        if let fence { g.fence(0, fence) }
        g.write(0, y, 1)
        g.write(1, y, 2)
        if let fence { g.fence(1, fence) }
        g.read(1, x)
        return g
    }

    @Test func rShape() {
        let plain = Self.rShape().verdicts()
        #expect(plain.sc == "sc" && plain.tso == nil && plain.lkmm == nil)
        let fenced = Self.rShape(fence: .mb).verdicts()
        #expect(fenced.tso == "tso" && fenced.lkmm == "propagation")
    }

    /// S: P1 sees P0's flag, yet its write to x is overwritten by P0's earlier one.
    static func sShape(wmb: Bool = false, acquire: Bool = false) -> GraphSketch {
        var g = GraphSketch(threads: 2)
        let x2 = g.write(0, x, 2)
        if wmb { g.fence(0, .wmb) }
        let wy = g.write(0, y, 1)
        g.read(1, y, from: wy, acquire ? .acquire : .once)
        let x1 = g.write(1, x, 1)
        g.coherence(x, x1, x2)
        return g
    }

    @Test func sShape() {
        let plain = Self.sShape().verdicts()
        #expect(plain.sc == "sc" && plain.tso == "tso" && plain.lkmm == nil)
        #expect(Self.sShape(wmb: true, acquire: true).verdicts().lkmm == "happens-before")
    }

    /// ISA2: release-acquire chains are transitive.
    @Test func releaseAcquireChain() {
        func isa2(_ ordered: Bool) -> GraphSketch {
            var g = GraphSketch(threads: 3)
            g.write(0, Self.x, 1)
            let wy = g.write(0, Self.y, 1, ordered ? .release : .once)
            g.read(1, Self.y, from: wy, ordered ? .acquire : .once)
            let wz = g.write(1, Self.z, 1, ordered ? .release : .once)
            g.read(2, Self.z, from: wz, ordered ? .acquire : .once)
            g.read(2, Self.x)
            return g
        }
        #expect(isa2(false).verdicts().lkmm == nil)
        #expect(isa2(true).verdicts().lkmm == "happens-before")
        #expect(isa2(false).verdicts().sc == "sc")
    }

    /// Coherence and atomicity hold under every model.
    @Test func coherenceAndAtomicity() {
        var corr = GraphSketch(threads: 2)
        let wx = corr.write(0, Self.x, 1)
        corr.read(1, Self.x, from: wx)
        corr.read(1, Self.x)
        let corrVerdicts = corr.verdicts()
        #expect(corrVerdicts.sc == "sc" && corrVerdicts.tso == "sc-per-location" && corrVerdicts.lkmm == "coherence")

        // Two increments both reading the initial 0: one update is lost.
        var lost = GraphSketch(threads: 2)
        let first = lost.rmw(0, Self.x, from: nil, writing: 1)
        let second = lost.rmw(1, Self.x, from: nil, writing: 1)
        lost.coherence(Self.x, first.write, second.write)
        let lostVerdicts = lost.verdicts()
        #expect(lostVerdicts.sc == "atomic" && lostVerdicts.tso == "atomic" && lostVerdicts.lkmm == "atomic")
        var kept = lost
        kept.graph.setReadsFrom(second.read, first.write)
        #expect(kept.verdicts().lkmm == nil)
    }

    /// A reader that sees the updater's second write cannot miss its first:
    /// synchronize_rcu waits for the whole read-side critical section.
    static func gracePeriod(synchronize: Bool) -> GraphSketch {
        var g = GraphSketch(threads: 2)
        g.fence(0, .rcuLock)
        let wx = EventID(thread: 1, index: synchronize ? 2 : 1)
        g.read(0, x, from: nil)
        g.read(0, y)
        g.fence(0, .rcuUnlock)
        g.write(1, y, 1)
        if synchronize { g.fence(1, .syncRCU) }
        g.write(1, x, 1)
        g.graph.setReadsFrom(EventID(thread: 0, index: 1), wx)
        return g
    }

    @Test func rcuGracePeriodGuarantee() {
        let waited = Self.gracePeriod(synchronize: true).verdicts()
        #expect(waited.sc == "sc" && waited.lkmm == "rcu")
        #expect(Self.gracePeriod(synchronize: false).verdicts().lkmm == nil)
    }

    /// A reader that misses the updater's first write cannot see its second,
    /// though an interleaving could explain it: only the grace period, which
    /// the reader's start forces to outlast the reader, forbids it. Under SC
    /// with consolidated RCU a spinlock holder is a reader as well.
    static func readerSpanningGracePeriod(spinlock: Bool) -> GraphSketch {
        var g = GraphSketch(threads: 2)
        if spinlock { g.lock(0, s, from: nil) } else { g.fence(0, .rcuLock) }
        g.read(0, x)
        let ry = g.read(0, y)
        if spinlock { g.unlock(0, s) } else { g.fence(0, .rcuUnlock) }
        g.write(1, x, 1)
        g.fence(1, .syncRCU)
        let wy = g.write(1, y, 1)
        g.graph.setReadsFrom(ry, wy)
        return g
    }

    @Test func gracePeriodOutlastsReadersThatStartedBeforeIt() {
        let reader = Self.readerSpanningGracePeriod(spinlock: false).verdicts()
        #expect(reader.sc == "rcu" && reader.tso == "rcu" && reader.lkmm == "rcu")
        let lockHolder = Self.readerSpanningGracePeriod(spinlock: true)
        let verdicts = lockHolder.verdicts()
        #expect(verdicts.sc == "rcu" && verdicts.tso == nil && verdicts.lkmm == nil)
        #expect(SCConsistency(lockHoldersAreReaders: false).violatedAxiom(in: GraphRelations(lockHolder.graph)) == nil)
    }

    /// A cycle through critical sections and grace periods is forbidden when
    /// it has at least as many grace periods as critical sections.
    static func rcuCycle(gracePeriods: Int) -> GraphSketch {
        var g = GraphSketch(threads: 3)
        // P0 is a reader; P1 and P2 readers or updaters.
        g.fence(0, .rcuLock)
        let rx = g.read(0, x)
        let wy = g.write(0, y, 1)
        g.fence(0, .rcuUnlock)
        let updater1 = gracePeriods == 2
        if !updater1 { g.fence(1, .rcuLock) }
        g.read(1, y, from: wy)
        if updater1 { g.fence(1, .syncRCU) }
        let wz = g.write(1, z, 1)
        if !updater1 { g.fence(1, .rcuUnlock) }
        g.read(2, z, from: wz)
        g.fence(2, .syncRCU)
        let wx = g.write(2, x, 1)
        g.graph.setReadsFrom(rx, wx)
        return g
    }

    @Test func rcuCountsGracePeriodsAgainstReaders() {
        #expect(Self.rcuCycle(gracePeriods: 2).verdicts().lkmm == "rcu")
        #expect(Self.rcuCycle(gracePeriods: 1).verdicts().lkmm == nil)
    }

    /// MP through a lock: the critical sections are ordered, and so is what
    /// precedes the first and follows the second.
    @Test func lockOrdering() {
        var g = GraphSketch(threads: 2)
        g.write(0, Self.x, 1)
        g.lock(0, Self.s, from: nil)
        let wy = g.write(0, Self.y, 1)
        let unlock = g.unlock(0, Self.s)
        g.lock(1, Self.s, from: unlock)
        g.read(1, Self.y, from: wy)
        g.unlock(1, Self.s)
        g.read(1, Self.x)
        let verdicts = g.verdicts()
        #expect(verdicts.sc == "sc" && verdicts.tso == "tso" && verdicts.lkmm == "happens-before")

        // Both critical sections taking the lock from its initial state at once.
        var overlap = GraphSketch(threads: 2)
        let first = overlap.lock(0, Self.s, from: nil)
        let firstUnlock = overlap.unlock(0, Self.s)
        let second = overlap.lock(1, Self.s, from: nil)
        let secondUnlock = overlap.unlock(1, Self.s)
        overlap.coherence(Self.s, first, firstUnlock, second, secondUnlock)
        #expect(overlap.verdicts().lkmm == "atomic")
    }

    /// Plain accesses: racing ones raise herd7's data-race flag; ordered by a
    /// release-acquire pair they do not.
    @Test func dataRaceFlag() {
        var racy = GraphSketch(threads: 2)
        racy.write(0, Self.x, 1, .plain)
        let flag = racy.write(0, Self.y, 1)
        racy.read(1, Self.y, from: flag)
        racy.read(1, Self.x, .plain)
        #expect(racy.verdicts().lkmm == nil)
        #expect(racy.lkmmFlags().contains("data-race"))

        var ordered = GraphSketch(threads: 2)
        let data = ordered.write(0, Self.x, 1, .plain)
        let release = ordered.write(0, Self.y, 1, .release)
        ordered.read(1, Self.y, from: release, .acquire)
        ordered.read(1, Self.x, from: data, .plain)
        #expect(ordered.verdicts().lkmm == nil)
        #expect(!ordered.lkmmFlags().contains("data-race"))

        // The same execution but for the plain read missing the data: the
        // plain accesses are ordered, so that would be incoherent.
        var stale = ordered
        stale.graph.setReadsFrom(EventID(thread: 1, index: 1), .initial(Self.x))
        #expect(stale.verdicts().lkmm == "plain-coherence")
    }

    /// SRCU: read-side sections match their unlock through the index's data
    /// dependency and only wait for grace periods of the same srcu_struct.
    static func srcuGracePeriod(sameStruct: Bool) -> GraphSketch {
        let (ss1, ss2) = (10, 11)
        var g = GraphSketch(threads: 2)
        let lock = g.read(0, ss1, from: nil, .srcuLock)
        g.read(0, x, from: nil)
        g.read(0, y)
        g.write(0, ss1, 0, .srcuUnlock, data: [lock])
        g.write(1, y, 1)
        g.fence(1, .srcuSync, location: sameStruct ? ss1 : ss2)
        let wx = g.write(1, x, 1)
        g.graph.setReadsFrom(EventID(thread: 0, index: 1), wx)
        return g
    }

    @Test func srcuGracePeriods() {
        #expect(Self.srcuGracePeriod(sameStruct: true).verdicts().lkmm == "rcu")
        #expect(Self.srcuGracePeriod(sameStruct: false).verdicts().lkmm == nil)
        #expect(Self.srcuGracePeriod(sameStruct: true).lkmmFlags().isEmpty)
    }
}
