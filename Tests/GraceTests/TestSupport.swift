import Foundation
import GraceCLI
import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// The package's root folder, found from this file's path.
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The kernel's litmus tests, which the package does not ship. Tests that
/// read them find them in one place, `LitmusCorpus`, and are skipped with the
/// reason when they are absent.
let sharedLitmus: URL = LitmusCorpus.root ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared/litmus")

func fixture(_ relative: String) -> String {
    packageRoot.appendingPathComponent("Tests/GraceTests/Fixtures").appendingPathComponent(relative).path
}

/// Model files (.grace, .litmus) under a folder, sorted.
func modelFiles(under folder: URL) -> [URL] {
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
    return enumerator.compactMap { $0 as? URL }
        .filter { ["grace", "litmus"].contains($0.pathExtension) }
        .sorted { $0.path < $1.path }
}

enum LoadFailure: Error, CustomStringConvertible {
    case invalid([String])
    var description: String {
        if case .invalid(let messages) = self { return messages.joined(separator: "\n") }
        return ""
    }
}

func loadProgram(_ path: String) throws -> Program {
    switch ModelLoader.load(path: path) {
    case .program(let program): return program
    case .invalid(let file, let diagnostics): throw LoadFailure.invalid(diagnostics.map { $0.rendered(in: file) })
    }
}

func compileSource(_ text: String, path: String = "test.grace") -> ModelLoader.Outcome {
    ModelLoader.compile(SourceFile(path: path, text: text))
}

/// Rendered diagnostics of a model that must not compile.
func diagnostics(of text: String) -> [String] {
    switch compileSource(text) {
    case .program: return []
    case .invalid(let file, let diagnostics): return diagnostics.map { $0.rendered(in: file) }
    }
}

func check(_ program: Program, options: CheckOptions = CheckOptions()) -> CheckResult {
    guard case .success(let result) = ModelChecker.check(program, under: .sc, options: options) else { preconditionFailure("sc runs every program") }
    return result
}

func check(source text: String, options: CheckOptions = CheckOptions()) throws -> CheckResult {
    switch compileSource(text) {
    case .program(let program): return check(program, options: options)
    case .invalid(let file, let diagnostics): throw LoadFailure.invalid(diagnostics.map { $0.rendered(in: file) })
    }
}

/// Captures what a command writes.
final class CapturedStreams: OutputStreams, @unchecked Sendable {
    var standardOutput = ""
    var standardError = ""

    func write(_ text: String) { standardOutput += text }
    func error(_ text: String) { standardError += text.hasSuffix("\n") ? text : text + "\n" }
}

func runGrace(_ arguments: [String]) -> (code: ExitCode, output: String, error: String) {
    let streams = CapturedStreams()
    let code = GraceCommand.run(arguments, output: streams)
    return (code, streams.standardOutput, streams.standardError)
}

/// What the graph explorer finds for a program under a consistency
/// checker, in herd7's terms.
struct GraphOutcome {
    var result: CheckResult?
    /// Why the graph explorer does not run the program, if it does not.
    var unsupported: String?

    var verdict: Verdict? { result?.verdict }
    var positive: Int { result?.satisfyingFinalStates ?? 0 }
    var negative: Int { (result?.consideredFinalStates ?? 0) - positive }
    var hasDataRace: Bool { result?.hasDataRace ?? false }
    var violation: Violation? { result?.violation }
    var inconclusive: String? {
        if case .inconclusive(let reason)? = result?.outcome { return reason }
        return nil
    }
}

func exploreGraphs(_ program: Program, checker: any ConsistencyChecker, options: CheckOptions = CheckOptions()) -> GraphOutcome {
    let system = ExecutionGraphSystem(program: program, checker: checker)
    if let reason = system.unsupported { return GraphOutcome(result: nil, unsupported: reason) }
    return GraphOutcome(result: GraphExplorer(system: system, properties: system.properties, options: options).run())
}

/// The stems of fixture files that end in `-pass` and in `-fail`, apart:
/// every rule shown by a fixture pair has one of each.
func fixturePairStems(_ paths: [String]) -> (passing: Set<Substring>, failing: Set<Substring>) {
    let stems = paths.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
    return (Set(stems.filter { $0.hasSuffix("-pass") }.map { $0.dropLast("-pass".count) }),
            Set(stems.filter { $0.hasSuffix("-fail") }.map { $0.dropLast("-fail".count) }))
}

/// Checks a fixture under each memory model against its `Expect:` line for it.
func expectVerdictsMatchExpectations(_ program: Program, name: String, under memories: [MemoryModelKind]) throws {
    for memory in memories {
        let expectation = try #require(program.directives.expectations.first { $0.memoryModel == memory }, "\(name) has no 'Expect: \(memory.rawValue):' line")
        let result = try ModelChecker.check(program, under: memory, options: CheckOptions()).get()
        #expect(result.verdict == expectation.verdict, "\(name) [\(memory.rawValue)]: got \(result.verdict?.spelled ?? "inconclusive"); \(result.violation?.message ?? "")")
    }
}
