import Foundation
import GraceExplorer
import GraceFrontend
import GraceReports
import Testing

/// One search on several threads must say exactly what it says on one:
/// verdict, state, transition and final-state counts, depth, the packed
/// state size and the trace, byte for byte.
@Suite struct ParallelSearchTests {
    static var models: [String] {
        modelFiles(under: packageRoot.appendingPathComponent("Models")).map(\.path)
            + ["kernel/gup-fast-ipi-pass.grace", "kernel/rcu-barrier-fail.grace", "kernel/b-b3-softirq-deadlock.grace"].map(fixture)
    }

    @Test(arguments: models)
    func workersChangeNothing(_ path: String) async throws {
        let program = try loadProgram(path)
        // The search on one thread is the one the other suites share.
        let alone = try await SharedRuns.states(path, under: .sc)
        // Three workers on two cores: chunks finish out of order.
        let together = check(program, options: CheckOptions(maxStates: SharedRuns.stateBudget, jobs: 3))
        #expect(alone.outcome == together.outcome)
        var aloneCounts = alone.statistics, togetherCounts = together.statistics
        aloneCounts.seconds = 0
        togetherCounts.seconds = 0
        aloneCounts.peakMemoryBytes = 0
        togetherCounts.peakMemoryBytes = 0
        #expect(aloneCounts == togetherCounts)
        #expect(alone.satisfyingFinalStates == together.satisfyingFinalStates)
        #expect(alone.consideredFinalStates == together.consideredFinalStates)
        let render = { (result: CheckResult) in
            result.trace.map { TraceText.render($0, model: program.name, memoryModel: .sc, config: program.config) }
        }
        #expect(render(alone) == render(together))
    }

    /// A level big enough to be cut into chunks, on a model whose every
    /// state is one of a grid: the count is the grid's.
    @Test func chunkedLevelsKeepExactCounts() throws {
        // Five threads of four writes each: 5^5 = 3125 states; the widest
        // levels hold 381, cut into chunks of 64 for 4 workers.
        let threads = (0..<5).map { "P\($0)(int *x\($0)) { WRITE_ONCE(*x\($0), 1); WRITE_ONCE(*x\($0), 2); WRITE_ONCE(*x\($0), 3); WRITE_ONCE(*x\($0), 4); }" }
        let source = "C grid\n{ int x0 = 0; int x1 = 0; int x2 = 0; int x3 = 0; int x4 = 0; }\n" + threads.joined(separator: "\n") + "\n"
        let result = try check(source: source, options: CheckOptions(jobs: 4))
        #expect(result.statistics.states == 3125)
        #expect(result.statistics.transitions == 5 * 4 * 625)
        #expect(result.verdict == .pass)
    }
}
