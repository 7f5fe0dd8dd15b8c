import Foundation
import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// The graph explorer under sc agrees with the state explorer on every
/// bundled model, fixture and litmus test it runs (and on ../shared/litmus
/// when present): same verdict, and a condition satisfied by some execution
/// exactly when by some final state. herd7's DEADLOCK (no execution
/// completes and passes the filter) is the state explorer's never with no
/// final state considered, or, for a model without a final condition, its
/// deadlock or sleep-in-atomic violation (a grace period waited for inside a
/// reader, which no consistent execution has).
///
/// The kernel primitives it lowers to events (freeing pages, call_rcu and
/// its callbacks, TLB flushes without walks, spinlock deadlocks) are
/// compared too. Skipped, each with its reason (`skipReason`): models that
/// call kernel primitives the graph explorer does not model yet
/// (allocation, IRQs, IPIs, TLB walks, lists, mm, refcount_t, sleeping
/// locks); models without a final condition that loop, whose deadlocks it
/// does not detect yet; and models whose written values it cannot bound,
/// or that exceed its budget, where it ends inconclusive.
@Suite struct GraphEngineAgreementTests {
    static var repositoryTests: [String] {
        let folders = [packageRoot.appendingPathComponent("Tests/GraceTests/Litmus"), packageRoot.appendingPathComponent("Models"),
                       packageRoot.appendingPathComponent("Tests/GraceTests/Fixtures")]
        return folders.flatMap { modelFiles(under: $0) }.map(\.path).filter { !slowToBound.contains(URL(fileURLWithPath: $0).lastPathComponent) }
    }

    /// Fixtures whose retry loops (atomic_try_cmpxchg, atomic_add_unless
    /// around a loop) make the graph explorer's bounding of written values
    /// take tens of seconds before it explores anything: left out to keep
    /// the suite fast, not because the engines disagree on them.
    static let slowToBound: Set<String> = ["atomic-3-pass.grace", "atomic-6-pass.grace"]

    /// A budget past which a model counts as not judged (inconclusive).
    static let graphBudget = 50_000

    static var sharedTests: [String] {
        modelFiles(under: sharedLitmus).map(\.path)
    }

    /// Why the graph explorer does not judge the model at `path` under sc,
    /// or nil when it does (and the result, to compare).
    static func skipReason(_ path: String) async throws -> (String?, GraphOutcome?) {
        let graphs = try await SharedRuns.graphs(path, checker: .scAsConfigured, maxStates: graphBudget)
        if let reason = graphs.unsupported ?? graphs.inconclusive { return (reason, nil) }
        return (nil, graphs)
    }

    static func compare(_ path: String) async throws {
        let program = try loadProgram(path)
        let (reason, judged) = try await skipReason(path)
        guard let graphs = judged else {
            #expect(reason!.hasSuffix("yet") || reason!.contains("could not be bounded") || reason!.contains("without bound")
                    || reason!.contains("budget"), "\(reason!)")
            return
        }
        let states = try await SharedRuns.states(path, under: .sc)
        if case .violation(let kind)? = states.verdict {
            if program.condition == nil, kind == .deadlock || kind == .sleepInAtomic, graphs.verdict == .deadlock { return }
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

    /// Most of what the repository holds is judged by both engines; the
    /// rest is skipped for one of the reasons above, never silently.
    @Test func repositoryHasModelsBothEnginesJudge() throws {
        let programs = try Self.repositoryTests.map(loadProgram)
        let judged = programs.filter { ExecutionGraphSystem(program: $0, checker: SCConsistency()).unsupported == nil }
        #expect(Self.repositoryTests.count >= 250)
        #expect(judged.count >= 100, "\(judged.count) of \(programs.count) judged by both engines")
    }

    @Test(arguments: repositoryTests)
    func repositoryTest(_ path: String) async throws {
        try await Self.compare(path)
    }

    @Test(.enabled(if: !sharedTests.isEmpty, "../shared/litmus is not present"), arguments: sharedTests)
    func sharedTest(_ path: String) async throws {
        try await Self.compare(path)
    }
}
