import Foundation
import GraceFrontend
import Testing

/// The kernel's LKMM litmus tests (found by `LitmusCorpus`, never copied)
/// parse and get an sc verdict equal to one derived by hand for each test
/// (Litmus/sc-expected.tsv: SB, MP, LB, IRIW, R, S, 2+2W, WRC shapes are all
/// forbidden under sequential consistency).
@Suite(.enabled(if: LitmusCorpus.isAvailable, LitmusCorpus.skipReason))
struct LitmusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var path: String
        var expected: Verdict
        var testDescription: String { URL(fileURLWithPath: path).lastPathComponent }
    }

    static func cases(table: String, folder: String) -> [Case] {
        let tablePath = packageRoot.appendingPathComponent("Tests/GraceTests/Litmus").appendingPathComponent(table).path
        guard let text = try? String(contentsOfFile: tablePath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let verdict = Verdict(spelled: String(fields[1])) else { return nil }
            return Case(path: sharedLitmus.appendingPathComponent(folder).appendingPathComponent(String(fields[0])).path, expected: verdict)
        }
    }

    static let kernelCases = cases(table: "sc-expected.tsv", folder: "lkmm")
    static let documentationCases = cases(table: "sc-expected-doc.tsv", folder: "lkmm-doc")

    /// Every test of the corpus has a verdict in the table, and the table names
    /// no test the corpus lacks (a newer kernel may add tests: they need a
    /// verdict derived by hand before they are checked).
    @Test func everyKernelTestHasAHandDerivedVerdict() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: sharedLitmus.appendingPathComponent("lkmm").path)
            .filter { $0.hasSuffix(".litmus") }
        #expect(files.count >= 35)
        #expect(Set(Self.kernelCases.map { URL(fileURLWithPath: $0.path).lastPathComponent }) == Set(files))
    }

    @Test(arguments: kernelCases + documentationCases)
    func scVerdict(_ testCase: Case) async throws {
        try #require(FileManager.default.fileExists(atPath: testCase.path), "\(testCase.path) is missing from the corpus")
        let program = try loadProgram(testCase.path)
        #expect(program.condition != nil)
        let result = try await SharedRuns.states(testCase.path, under: .sc)
        #expect(result.verdict == testCase.expected)
    }

    /// herd7's `Result:` line is read too (it is judged under lkmm, later).
    @Test func resultDirectiveIsRead() throws {
        let program = try loadProgram(sharedLitmus.appendingPathComponent("lkmm/SB+poonceonces.litmus").path)
        #expect(program.directives.result == .sometimes)
        #expect(program.name == "SB+poonceonces")
    }
}

/// CI sets GRACE_REQUIRE_CORPUS=1: there, a missing corpus fails instead of
/// quietly skipping the tests above.
@Suite struct LitmusCorpusPresence {
    @Test(.enabled(if: LitmusCorpus.isRequired, "the corpus is optional outside CI"))
    func corpusIsPresentWhenRequired() {
        #expect(LitmusCorpus.isAvailable, LitmusCorpus.skipReason)
    }
}
