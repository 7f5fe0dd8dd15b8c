import Foundation
import GraceExplorer
import GraceFrontend
import GraceReports
import Testing

/// Counterexamples/ holds the minimal trace of every violating bundled model
/// as `grace check --trace-dir` writes it; each was read against the
/// protocol. Regenerating them must give the same bytes, and every file must
/// belong to a model that still violates. Under tso and lkmm a model has a
/// file when its verdict there is a violation other than its sc one.
@Suite struct CounterexampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var model: String
        var memory: MemoryModelKind
        var golden: String
        var testDescription: String { "\(model) [\(memory.rawValue)]" }
    }

    static var models: [URL] { modelFiles(under: packageRoot.appendingPathComponent("Models")) }

    static func goldenPath(for model: URL, memory: MemoryModelKind) -> String {
        let family = model.deletingLastPathComponent().lastPathComponent
        let stem = model.deletingPathExtension().lastPathComponent
        return packageRoot.appendingPathComponent("Counterexamples/\(family)/\(stem).\(memory.rawValue).txt").path
    }

    static var violatingModels: [Case] {
        models.flatMap { model -> [Case] in
            guard case .program(let program) = ModelLoader.load(path: model.path) else { return [] }
            let expected = { (memory: MemoryModelKind) in program.directives.expectations.first { $0.memoryModel == memory }?.verdict }
            var cases: [Case] = []
            if let sc = expected(.sc), sc.word == "violation" {
                cases.append(Case(model: model.path, memory: .sc, golden: goldenPath(for: model, memory: .sc)))
            }
            for memory in [MemoryModelKind.tso, .lkmm] {
                if let weak = expected(memory), weak.word == "violation", weak != expected(.sc) {
                    cases.append(Case(model: model.path, memory: memory, golden: goldenPath(for: model, memory: memory)))
                }
            }
            return cases
        }
    }

    @Test(arguments: violatingModels)
    func traceMatchesGoldenFile(_ testCase: Case) async throws {
        let program = try loadProgram(testCase.model)
        let result = try await SharedRuns.states(testCase.model, under: testCase.memory)
        let trace = try #require(result.trace)
        let rendered = TraceText.render(trace, model: program.name, memoryModel: testCase.memory, config: program.config)
        let golden = try String(contentsOfFile: testCase.golden, encoding: .utf8)
        #expect(rendered == golden)
    }

    @Test func everyGoldenFileBelongsToAViolatingModel() throws {
        let expected = Set(Self.violatingModels.map(\.golden))
        let folder = packageRoot.appendingPathComponent("Counterexamples")
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        let present = Set((enumerator?.compactMap { $0 as? URL } ?? []).filter { $0.pathExtension == "txt" }.map(\.path))
        #expect(present == expected, "stale: \(present.subtracting(expected).sorted()), missing: \(expected.subtracting(present).sorted())")
    }
}
