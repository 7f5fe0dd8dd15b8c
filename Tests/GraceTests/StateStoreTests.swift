import Foundation
@testable import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// The visited set packs states into a few bytes with widths it learns as
/// values appear; it must give back every state exactly, however often it
/// has to widen a field and pack what it holds anew.
@Suite struct StateStoreTests {
    /// The layout of a small two-thread model, as the store cuts states.
    static func layout() throws -> StateLayout {
        let program = try #require({
            if case .program(let program) = compileSource("C s\n{ int x = 0; int y = 0; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\nP1(int *y) { WRITE_ONCE(*y, 1); }\n") {
                return program
            }
            return nil
        }())
        return StateLayout(program: program, memoryModelRegion: MemoryModelRegion())
    }

    /// States with values of every size, negative ones and pointers among
    /// them, in words scattered over the layout: each comes back as it went
    /// in, is found again, and a second insertion is not new.
    @Test func everyStateComesBackExactly() throws {
        let layout = try Self.layout()
        var store = StateStore(layout: layout)
        var random: UInt64 = 0x1234_5678
        func next() -> UInt64 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return random
        }
        var states: [MachineState] = []
        for _ in 0..<400 {
            var state = MachineState(words: ContiguousArray(repeating: 0, count: layout.totalWords))
            for _ in 0..<(1 + Int(next() % 6)) {
                let slot = Int(next() % UInt64(layout.totalWords))
                let magnitude = next() % 4
                let value = magnitude == 0 ? Int64(next() % 4) : magnitude == 1 ? -Int64(next() % 1000) : magnitude == 2 ? Int64(next() % 70000) : Int64(bitPattern: next())
                state[slot] = value
            }
            states.append(state)
            let (index, isNew) = store.insert(state)
            #expect(isNew == (states.firstIndex(of: state) == states.count - 1))
            #expect(store.state(index) == state)
        }
        #expect(store.count == Set(states.map { Array($0.words) }).count)
        for state in states {
            let index = try #require(store.find(state))
            #expect(store.state(index) == state)
            #expect(store.insert(state).isNew == false)
        }
        #expect(store.codec.packedBytes < layout.totalWords * 8)
    }

    /// A state the store never saw is not found, even when all its values
    /// are known to the codec.
    @Test func unseenStatesAreNotFound() throws {
        let layout = try Self.layout()
        var store = StateStore(layout: layout)
        var first = MachineState(words: ContiguousArray(repeating: 0, count: layout.totalWords))
        first[0] = 5
        var second = first
        second[1] = 5
        _ = store.insert(first)
        _ = store.insert(second)
        var unseen = first
        unseen[0] = 0
        unseen[1] = 5
        #expect(store.find(unseen) == nil)
    }

    /// A counter through a hundred values widens its field several times
    /// while states are stored: the count stays exact and the final value
    /// is the one written, not a truncation of it.
    @Test func wideningKeepsCountsAndValues() throws {
        let result = try check(source: """
            C count
            { int x = 0; }
            P0(int *x) { int i; for (i = 1; i <= 100; i++) WRITE_ONCE(*x, i * 1000003); }
            forall (x=100000300)
            """)
        #expect(result.statistics.states == 101)
        #expect(result.verdict == .always)
    }
}
