import GraceSemantics
import Testing

/// The relation algebra the memory models are written in, on small relations
/// whose results are worked out by hand.
@Suite struct RelationTests {
    /// 0 -> 1 -> 2 -> 3 over four events.
    static let chain = Relation(size: 4, pairs: [(0, 1), (1, 2), (2, 3)])

    @Test func compositionFollowsOneEdgeOfEach() {
        let twoSteps = Self.chain ⨾ Self.chain
        #expect(twoSteps.pairs.map { [$0.0, $0.1] } == [[0, 2], [1, 3]])
        let back = Self.chain ⨾ Self.chain.inverse
        // i -> j <- k: each event with a successor pairs with itself.
        #expect(back.pairs.map { [$0.0, $0.1] } == [[0, 0], [1, 1], [2, 2]])
    }

    @Test func closureReachesEveryLaterEvent() {
        let closure = Self.chain.transitiveClosure
        #expect(closure.pairs.count == 6)
        #expect(closure.contains(0, 3))
        #expect(!closure.contains(3, 0))
        #expect(closure.isIrreflexive)
        let star = Self.chain.reflexiveTransitiveClosure
        #expect(star.pairs.count == 10)
        #expect(star.contains(2, 2))
    }

    @Test func acyclicityAndIrreflexivity() {
        #expect(Self.chain.isAcyclic)
        var cyclic = Self.chain
        cyclic.insert(3, 1)
        #expect(!cyclic.isAcyclic)
        #expect(cyclic.isIrreflexive)
        #expect(!cyclic.transitiveClosure.isIrreflexive)
        // Event 0 leads into the cycle without being on it.
        #expect(cyclic.transitiveClosure.contains(0, 1) && !cyclic.transitiveClosure.contains(0, 0))
    }

    @Test func setOperationsAndRestriction() {
        let even = EventSet(size: 4, [0, 2])
        let low = EventSet(size: 4, [0, 1])
        #expect((even | low).members == [0, 1, 2])
        #expect((even & low).members == [0])
        #expect((even - low).members == [2])
        #expect((~even).members == [1, 3])
        let restricted = Self.chain.restricted(from: even, to: ~even)
        #expect(restricted.pairs.map { [$0.0, $0.1] } == [[0, 1], [2, 3]])
        #expect(Self.chain.domain.members == [0, 1, 2])
        #expect(Self.chain.range.members == [1, 2, 3])
        #expect(Relation.product(even, low).pairs.count == 4)
        #expect((Self.chain - Relation.product(low, ~low)).pairs.map { [$0.0, $0.1] } == [[0, 1], [2, 3]])
    }

    /// Relations wider than one word per row behave the same.
    @Test func largeRelations() {
        var ring = Relation(size: 200)
        for index in 0..<199 { ring.insert(index, index + 1) }
        #expect(ring.isAcyclic)
        #expect(ring.transitiveClosure.contains(0, 199))
        #expect((ring ⨾ ring).contains(130, 132))
        ring.insert(199, 0)
        #expect(!ring.isAcyclic)
        #expect(ring.transitiveClosure.contains(150, 149))
        #expect(ring.inverse.contains(1, 0))
    }

    /// The base relations of store buffering, both reads from the initial
    /// writes: po, rf, co and fr as herd7 draws them.
    @Test func storeBufferingRelations() {
        let x = 0, y = 1
        var graph = ExecutionGraph(threadCount: 2)
        let wx = graph.append(.write(x, value: 1), to: 0)
        let ry = graph.append(.read(y, from: .initial(y)), to: 0)
        let wy = graph.append(.write(y, value: 1), to: 1)
        let rx = graph.append(.read(x, from: .initial(x)), to: 1)
        graph.setCoherence([wx], at: x)
        graph.setCoherence([wy], at: y)
        let relations = GraphRelations(graph)
        #expect(relations.size == 6)
        let (iwx, iwy) = (relations.index(of: .initial(x)), relations.index(of: .initial(y)))
        let (a, b, c, d) = (relations.index(of: wx), relations.index(of: ry), relations.index(of: wy), relations.index(of: rx))
        #expect(relations.po.pairs.map { [$0.0, $0.1] } == [[a, b], [c, d]])
        #expect(relations.rf.contains(iwy, b) && relations.rf.contains(iwx, d))
        #expect(relations.co.pairs.map { [$0.0, $0.1] } == [[iwx, a], [iwy, c]])
        #expect(relations.fr.contains(b, c) && relations.fr.contains(d, a))
        #expect(relations.initialWrites.members == [iwx, iwy])
        #expect(relations.finalWrites.members == [a, c])
        #expect(relations.ext.contains(iwy, b) && !relations.int.contains(iwy, b))
        // The SB cycle: po ; fr ; po ; fr.
        #expect(!(relations.po | relations.fr).isAcyclic)
    }
}
