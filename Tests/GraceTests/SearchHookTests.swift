import Foundation
import GraceExplorer
import GraceCLI
import Synchronization
import Testing

/// Progress reporting and cancellation hook into the search without
/// changing what it explores.
@Suite struct SearchHookTests {
    @Test func progressObserverSeesTheSearchWithoutChangingIt() throws {
        let program = try loadProgram(packageRoot.appendingPathComponent("Models/powerpc/pte-free-defer-v3-large.grace").path)
        let plain = check(program)
        let seen = Mutex<[SearchProgress]>([])
        let observed = check(program, options: CheckOptions(cancellation: CancellationFlag(), progress: { progress in
            seen.withLock { $0.append(progress) }
        }))
        #expect(observed.outcome == plain.outcome)
        #expect(observed.statistics.states == plain.statistics.states)
        #expect(observed.statistics.transitions == plain.statistics.transitions)
        let reports = seen.withLock { $0 }
        // Every progressInterval expansions, starting with the first.
        #expect(reports.count == (plain.statistics.states - 1) / CheckOptions.progressInterval + 1)
        #expect(reports.map(\.expanded) == reports.indices.map { $0 * CheckOptions.progressInterval })
        #expect(reports.map(\.states) == reports.map(\.states).sorted())
        #expect(reports.allSatisfy { $0.states <= plain.statistics.states && $0.depth <= plain.statistics.depth })
    }

    @Test func raisedFlagEndsTheSearchInconclusive() throws {
        let program = try loadProgram(packageRoot.appendingPathComponent("Models/powerpc/pte-free-defer-v3-large.grace").path)
        let flag = CancellationFlag()
        let result = check(program, options: CheckOptions(cancellation: flag, progress: { progress in
            if progress.expanded >= CheckOptions.progressInterval { flag.raise() }
        }))
        guard case .inconclusive(let reason) = result.outcome else {
            Issue.record("expected inconclusive, got \(result.outcome)")
            return
        }
        #expect(reason.hasPrefix("interrupted after "))
        #expect(result.statistics.states > CheckOptions.progressInterval)
        #expect(result.statistics.states < 12761)
    }

    @Test func interruptedRunReportsTheRestAsNotRun() throws {
        let flag = CancellationFlag()
        flag.raise()
        let streams = CapturedStreams()
        let models = packageRoot.appendingPathComponent("Models/powerpc").path
        let code = GraceCommand.run(["check", models], output: streams, interruption: flag)
        #expect(code == .interrupted)
        let lines = streams.standardOutput.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("SKIP ") && $0.hasSuffix(": not run: interrupted") }.count == 8)
    }
}
