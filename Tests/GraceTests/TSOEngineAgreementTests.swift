import Foundation
import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// x86-TSO two ways: store buffers in the state explorer's state
/// (`TotalStoreOrder`) and the graph explorer's axiomatic TSO checker
/// (`TSOConsistency`). On every TSO litmus test, every format test and the
/// kernel's litmus tests (../shared/litmus, when present) they give the
/// same verdict, and both find a satisfying outcome or neither does. The
/// graph explorer's DEADLOCK (no execution completes) is the state
/// explorer's deadlock violation, or its never with no final state
/// considered.
@Suite struct TSOEngineAgreementTests {
    static var repositoryTests: [String] {
        let folders = ["Tests/GraceTests/Litmus/tso", "Tests/GraceTests/Litmus/format", "Models/litmus"]
        return folders.flatMap { modelFiles(under: packageRoot.appendingPathComponent($0)) }.map(\.path)
    }

    static var sharedTests: [String] {
        modelFiles(under: sharedLitmus).map(\.path)
    }

    /// Whether the two engines agree on the test at `path`; nil when the
    /// graph explorer does not run it.
    static func compare(_ path: String) async throws -> Bool? {
        let graphs = try await SharedRuns.graphs(path, checker: .tso)
        if graphs.unsupported != nil { return nil }
        let states = try await SharedRuns.states(path, under: .tso)
        #expect(states.memoryModel == .tso && !states.countsExecutions)
        let name = URL(fileURLWithPath: path).lastPathComponent
        if graphs.verdict == .deadlock {
            let stuck = states.verdict == .violation(.deadlock) || (states.verdict == .never && states.consideredFinalStates == 0)
            #expect(stuck, "\(name): store buffers give \(states.verdict?.spelled ?? "inconclusive"), graphs deadlock")
            return stuck
        }
        let agrees = graphs.verdict == states.verdict && (graphs.positive == 0) == (states.satisfyingFinalStates == 0)
        #expect(agrees, "\(name): store buffers give \(states.outcome), graphs \(graphs.verdict?.spelled ?? "inconclusive") (\(graphs.positive) of \(graphs.positive + graphs.negative) executions)")
        return agrees
    }

    /// Every TSO shape and every format test runs on both engines: none
    /// is left out as unsupported.
    @Test func repositoryTestsAllAgree() async throws {
        let tests = Self.repositoryTests
        #expect(tests.count >= 17 + 48)
        var compared = 0
        for path in tests {
            if try await Self.compare(path) != nil { compared += 1 }
        }
        #expect(compared >= 17 + 48)
    }

    @Test(.enabled(if: !sharedTests.isEmpty, "../shared/litmus is not present"))
    func kernelLitmusTestsAgree() async throws {
        var compared = 0
        for path in Self.sharedTests {
            if try await Self.compare(path) != nil { compared += 1 }
        }
        #expect(compared >= 40)
    }
}
