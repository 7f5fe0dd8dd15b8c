import Foundation
import GraceExplorer
import GraceFrontend
import Testing

/// The kernel fixtures under lkmm (Fixtures/lkmm): one passing and one
/// failing model per rule of the kernel on the graph explorer (call_rcu's
/// callback and grace period, use-after-free against a free through
/// call_rcu, bit operations and decrements of their class, spinlock
/// deadlocks, rcu_head reuse, IRQ-disabled readers), each judged under sc, tso and lkmm by its
/// Expect lines, which were reasoned from SPEC 2.4 to 2.7 and LKMM.
@Suite struct LKMMKernelFixtureTests {
    static var fixtures: [String] {
        modelFiles(under: packageRoot.appendingPathComponent("Tests/GraceTests/Fixtures/lkmm")).map(\.path)
    }

    @Test(arguments: fixtures)
    func verdictsMatchExpectations(_ path: String) throws {
        let program = try loadProgram(path)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        try expectVerdictsMatchExpectations(program, name: name, under: MemoryModelKind.allCases)
        let lkmm = program.directives.expectations.first { $0.memoryModel == .lkmm }?.verdict
        #expect((lkmm == .pass) == name.hasSuffix("-pass"))
    }

    @Test func everyRuleComesInAPair() {
        let (passing, failing) = fixturePairStems(Self.fixtures)
        #expect(passing == failing)
        #expect(passing == ["callback-sees-store", "reader-vs-callback-free", "setbit-dec", "lock-order", "rcu-head-requeue", "irq-off-reader"])
    }

    /// The weak step of PROTOCOLS.md 2.6 shows in the lkmm trace of a-B3:
    /// P1's decrement reads P0's decrement while its TestClearPageActive()
    /// misses P0's SetPageActive(); the free then races with the walker.
    @Test func relaxedDecrementTraceShowsTheWeakStep() throws {
        let program = try loadProgram(packageRoot.appendingPathComponent("Models/powerpc/pte-free-defer-a-b3-relaxed-dec.grace").path)
        let result = try ModelChecker.check(program, under: .lkmm, options: CheckOptions()).get()
        #expect(result.verdict == .violation(.useAfterFree))
        let trace = try #require(result.trace)
        let steps = trace.steps.map { ($0.cpu, $0.function, $0.events.map(\.text).joined()) }
        let setActive = try #require(steps.firstIndex { $0.0 == 0 && $0.2.hasPrefix("write pt.flags = 0x40 (PG_active)") })
        let p0Decrement = try #require(steps.firstIndex { $0.0 == 0 && $0.2 == "write pt.pt_frag_refcount = 1" })
        #expect(steps.contains { $0.0 == 1 && $0.2 == "read pt.pt_frag_refcount = 1, from step \(p0Decrement + 1)" })
        #expect(steps.contains { $0.0 == 1 && $0.2.hasPrefix("read pt.flags = 0") && $0.2.hasSuffix("misses step \(setActive + 1)'s 0x40 (PG_active)") })
        #expect(result.violation?.message.hasPrefix("the access of pt.contents[0] at line 144 races with the free of pt") == true)
    }
}
