import Foundation
import GraceExplorer
import GraceFrontend
import GraceSemantics

/// Searches that several suites make of the same file run once per test
/// process: a bundled model's sc search serves FixtureTests,
/// ParallelSearchTests, CounterexampleTests and the engine agreement
/// tests; a litmus test's graphs under one consistency checker serve every
/// suite that compares them. The first test to ask starts the search, the
/// others await the same result. Searches are deterministic, so a shared
/// result is the one each suite would have computed itself.
enum SharedRuns {
    /// The budget of every shared state search: far above the largest
    /// bundled model, so it never decides a verdict, yet a search that runs
    /// away ends inconclusive (and fails its tests) instead of hanging.
    static let stateBudget = 2_000_000

    /// The state explorer's result for the model at `path` under `memory`
    /// (sc or tso), on one thread, without symmetry reduction.
    static func states(_ path: String, under memory: MemoryModelKind) async throws -> CheckResult {
        try await stateRuns.value(for: StateRun(path: sameFile(path), memory: memory)) {
            let program = try loadProgram(path)
            return try ModelChecker.check(program, under: memory, options: CheckOptions(maxStates: stateBudget)).get()
        }
    }

    /// The graph explorer's outcome for the model at `path` under `checker`,
    /// with an optional budget of states.
    static func graphs(_ path: String, checker: GraphChecker, maxStates: Int? = nil) async throws -> GraphOutcome {
        try await graphRuns.value(for: GraphRun(path: sameFile(path), checker: checker, maxStates: maxStates)) {
            let program = try loadProgram(path)
            return exploreGraphs(program, checker: checker.consistency(for: program), options: CheckOptions(maxStates: maxStates))
        }
    }

    /// The consistency checkers the suites run, by what tells their
    /// results apart.
    enum GraphChecker: Hashable, Sendable {
        /// SC with lock holders counted as readers exactly when the model's
        /// RCU is consolidated, as `grace check` runs it.
        case scAsConfigured
        case tso
        case lkmm

        func consistency(for program: Program) -> any ConsistencyChecker {
            switch self {
            case .scAsConfigured: return SCConsistency(lockHoldersAreReaders: program.config.rcu == .consolidated)
            case .tso: return TSOConsistency()
            case .lkmm: return LKMMConsistency()
            }
        }
    }

    /// One spelling per file, whichever folder listing a suite found it by.
    static func sameFile(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    struct StateRun: Hashable, Sendable {
        var path: String
        var memory: MemoryModelKind
    }

    struct GraphRun: Hashable, Sendable {
        var path: String
        var checker: GraphChecker
        var maxStates: Int?
    }

    private static let stateRuns = Memo<StateRun, CheckResult>()
    private static let graphRuns = Memo<GraphRun, GraphOutcome>()
}
