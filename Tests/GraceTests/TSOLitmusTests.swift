import Foundation
import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// x86-TSO as the kernel compiled for x86 sees it, on the shapes of
/// Litmus/tso: store buffering is the only relaxation, and every locked
/// instruction (RMWs of any ordering, smp_mb, spinlock acquire; not release)
/// drains the buffer. Verdicts reasoned by hand in Litmus/tso-expected.tsv.
@Suite struct TSOLitmusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var path: String
        var expected: Verdict
        var testDescription: String { URL(fileURLWithPath: path).lastPathComponent }
    }

    static let folder = packageRoot.appendingPathComponent("Tests/GraceTests/Litmus")

    static let cases: [Case] = {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("tso-expected.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let verdict = Verdict(spelled: String(fields[1])) else { return nil }
            return Case(path: folder.appendingPathComponent("tso").appendingPathComponent(String(fields[0])).path, expected: verdict)
        }
    }()

    @Test func everyTestHasAVerdict() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent("tso").path).filter { $0.hasSuffix(".litmus") }
        #expect(files.count == Self.cases.count)
        #expect(Set(files) == Set(Self.cases.map(\.testDescription)))
        // SB is allowed, and MP, LB, IRIW, 2+2W and WRC are forbidden.
        for name in ["MP", "LB", "IRIW", "2+2W", "WRC"] {
            #expect(Self.cases.first { $0.testDescription == "\(name).litmus" }?.expected == .never)
        }
        #expect(Self.cases.first { $0.testDescription == "SB.litmus" }?.expected == .sometimes)
    }

    @Test(arguments: cases)
    func tsoVerdict(_ testCase: Case) async throws {
        let result = try await SharedRuns.graphs(testCase.path, checker: .tso)
        #expect(result.verdict == testCase.expected)
    }

    /// TSO sits between the two other models: whatever SC allows it allows,
    /// and whatever it allows LKMM allows.
    @Test(arguments: cases)
    func betweenSCAndLKMM(_ testCase: Case) async throws {
        let program = try loadProgram(testCase.path)
        let weak = try await SharedRuns.graphs(testCase.path, checker: .lkmm)
        let middle = try await SharedRuns.graphs(testCase.path, checker: .tso)
        let strong = exploreGraphs(program, checker: SCConsistency())
        #expect(strong.positive + strong.negative <= middle.positive + middle.negative)
        #expect(middle.positive + middle.negative <= weak.positive + weak.negative)
        #expect(strong.positive <= middle.positive && middle.positive <= weak.positive)
    }
}
