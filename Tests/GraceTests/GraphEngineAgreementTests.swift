import Foundation
import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// The graph explorer under sc agrees with the state explorer on every
/// litmus test of the repository it supports (and on ../shared/litmus when
/// present): same verdict, same number of satisfying final states. herd7's
/// DEADLOCK (no execution passes the filter) is the state explorer's never
/// with no final state considered.
@Suite struct GraphEngineAgreementTests {
    static var repositoryTests: [String] {
        let folders = [packageRoot.appendingPathComponent("Tests/GraceTests/Litmus"), packageRoot.appendingPathComponent("Models/litmus")]
        return folders.flatMap { modelFiles(under: $0) }.filter { $0.pathExtension == "litmus" }.map(\.path)
    }

    static var sharedTests: [String] {
        modelFiles(under: sharedLitmus).map(\.path)
    }

    static func compare(_ path: String) throws {
        let program = try loadProgram(path)
        let states = check(program)
        let graphs = exploreGraphs(program, checker: SCConsistency(lockHoldersAreReaders: program.config.rcu == .consolidated))
        if graphs.unsupported != nil { return }
        if case .violation? = states.verdict {
            #expect(graphs.verdict == states.verdict)
            return
        }
        if states.verdict == .never, states.consideredFinalStates == 0, program.condition != nil {
            #expect(graphs.verdict == .deadlock)
        } else {
            #expect(graphs.verdict == states.verdict, "graph engine: \(graphs.positive) of \(graphs.positive + graphs.negative) executions")
        }
        #expect((graphs.positive == 0) == (states.satisfyingFinalStates == 0))
    }

    @Test func repositoryHasLitmusTests() {
        #expect(Self.repositoryTests.count >= 2)
    }

    @Test(arguments: repositoryTests)
    func repositoryTest(_ path: String) throws {
        try Self.compare(path)
    }

    @Test(.enabled(if: !sharedTests.isEmpty, "../shared/litmus is not present"), arguments: sharedTests)
    func sharedTest(_ path: String) throws {
        try Self.compare(path)
    }
}
