import Foundation
import GraceExplorer
import GraceFrontend
import Testing

/// The tso fixtures: pairs that show the store buffer (SPEC §2.7), judged
/// under sc and tso by their Expect lines. Each was reasoned from x86-TSO,
/// not from output (Fixtures/tso/README.md).
@Suite struct TSOFixtureTests {
    static var fixtures: [String] {
        modelFiles(under: packageRoot.appendingPathComponent("Tests/GraceTests/Fixtures/tso")).map(\.path)
    }

    @Test(arguments: fixtures)
    func verdictsMatchExpectations(_ path: String) throws {
        let program = try loadProgram(path)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        try expectVerdictsMatchExpectations(program, name: name, under: [.sc, .tso])
        #expect(program.directives.expectations.first { $0.memoryModel == .sc }?.verdict == .never)
        let tso = program.directives.expectations.first { $0.memoryModel == .tso }?.verdict
        #expect(tso == (name.hasSuffix("-pass") ? .never : .sometimes))
    }

    @Test func everyShapeComesInAPair() {
        let (passing, failing) = fixturePairStems(Self.fixtures)
        #expect(passing == failing)
        #expect(passing == ["sb", "rmw", "lock", "ipi", "callback"])
    }

    /// A trace under tso shows the buffered store, the read that missed
    /// it, and the step in which it reaches memory, at the line that stored it.
    @Test func traceShowsTheStoreBuffer() throws {
        let program = try loadProgram(packageRoot.appendingPathComponent("Models/hugetlb-vmemmap/hvo-pre-series.grace").path)
        let result = try ModelChecker.check(program, under: .tso, options: CheckOptions()).get()
        let trace = try #require(result.trace)
        let lines = trace.steps.flatMap { $0.events.map(\.text) }
        #expect(lines.first == "write vpmd = V0|huge (buffered)")
        #expect(lines.contains("MMU walks vpmd = 0 (misses CPU0's vpmd = V0|huge, still in its store buffer)"))
        guard case .program(let dekker) = compileSource("""
            C dekker
            { int x = 0; int y = 0; int done = 0; }
            P0(int *x, int *y, int *done)
            {
            \tint r0;
            \tWRITE_ONCE(*x, 1);
            \tr0 = READ_ONCE(*y);
            \tWRITE_ONCE(*done, r0 == 0);
            }
            P1(int *x, int *y, int *done)
            {
            \tint r1;
            \tWRITE_ONCE(*y, 1);
            \tr1 = READ_ONCE(*x);
            \tsmp_mb();
            \tBUG_ON(r1 == 0 && READ_ONCE(*done) == 1);
            }
            """) else {
            Issue.record("the model does not compile")
            return
        }
        #expect(check(dekker).verdict == .pass)
        let weak = try ModelChecker.check(dekker, under: .tso, options: CheckOptions()).get()
        #expect(weak.verdict == .violation(.bug))
        let steps = try #require(weak.trace).steps
        let landing = try #require(steps.first { $0.events.map(\.text).contains("CPU0 store buffer: x = 1 reaches memory") })
        #expect(landing.line == 6 && landing.cpu == 0)
        #expect(steps.contains { $0.events.map(\.text).contains("write x = 1 (buffered)") })
    }
}
