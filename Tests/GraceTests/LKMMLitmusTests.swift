import Foundation
import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// The kernel's LKMM litmus tests (../shared/litmus: tools/memory-model and
/// Documentation/litmus-tests of Linux 6.12) under lkmm give herd7's verdict,
/// as EXPECTED.tsv records it.
@Suite struct LKMMLitmusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var path: String
        var expected: Verdict
        var testDescription: String { URL(fileURLWithPath: path).lastPathComponent }
    }

    static func cases(folder: String) -> [Case] {
        let directory = sharedLitmus.appendingPathComponent(folder)
        guard let text = try? String(contentsOf: directory.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let result = HerdResult(rawValue: String(fields[1])) else { return nil }
            return Case(path: directory.appendingPathComponent(String(fields[0])).path, expected: result.verdict)
        }
    }

    static let all = cases(folder: "lkmm") + cases(folder: "lkmm-doc")

    @Test(.enabled(if: !all.isEmpty, "../shared/litmus is not present"))
    func fortySevenTests() {
        #expect(Self.all.count == 47)
    }

    @Test(.enabled(if: !all.isEmpty, "../shared/litmus is not present"), arguments: all)
    func herdVerdict(_ testCase: Case) async throws {
        let result = try await SharedRuns.graphs(testCase.path, checker: .lkmm)
        #expect(result.verdict == testCase.expected, "positive \(result.positive), negative \(result.negative), \(result.unsupported ?? result.inconclusive ?? "")")
        #expect(!result.hasDataRace)
    }
}
