import Foundation
import GraceCLI
import GraceExplorer
import GraceFrontend
@testable import GraceReports
import Testing

/// JUnit and SARIF as CI reads them: a run over the bundled models plus a
/// model whose verdict is wrong and one that does not parse.
@Suite struct ReportTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grace-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    static let sarifSchema = packageRoot.appendingPathComponent("Tests/GraceTests/Fixtures/schemas/sarif-schema-2.1.0.json")

    static func validateSARIF(_ text: String) throws -> (document: JSONDocument, errors: [String]) {
        let schema = try JSONDocument.parse(String(contentsOf: sarifSchema, encoding: .utf8))
        let document = try JSONDocument.parse(text)
        return (document, JSONSchemaValidator(root: schema).errors(in: document))
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func modelsPlusAFailingAndAnErroringModel() throws {
        let failing = try write("extra/wrong.grace", CLITests.reuse.replacingOccurrences(of: "violation rcu-head-reuse", with: "pass"))
        let erroring = try write("extra/bad.grace", "C bad\n{}\nP0(int *x)\n{\n\tWRITE_ONCE(*x 1);\n}\n")
        let junitPath = scratch.appendingPathComponent("out/junit.xml").path
        let sarifPath = scratch.appendingPathComponent("out/grace.sarif").path
        let models = packageRoot.appendingPathComponent("Models").path
        let run = runGrace(["check", models, failing, erroring, "--junit", junitPath, "--sarif", sarifPath])
        #expect(run.code == .invalidModel)
        let lines = run.output.split(separator: "\n")
        let prefixes = ["ok ", "FAIL ", "SKIP ", "ERROR ", "INCONCLUSIVE ", "done "]
        let resultLines = lines.filter { line in prefixes.contains { line.hasPrefix($0) } }
        let skipLines = resultLines.filter { $0.hasPrefix("SKIP ") }

        // JUnit: one test case per printed result, grouped by family.
        let junit = XMLOutline.parse(try String(contentsOfFile: junitPath, encoding: .utf8))
        #expect(junit.failure == nil)
        let root = try #require(junit.root)
        #expect(root.name == "testsuites")
        let suites = root.children.filter { $0.name == "testsuite" }
        #expect(Set(suites.compactMap { $0.attributes["name"] }).isSuperset(of: ["powerpc", "s390", "gup-fast", "walkers", "hugetlb-vmemmap", "litmus", "extra"]))
        let cases = root.all("testcase")
        #expect(cases.count == resultLines.count)
        #expect(root.attributes["tests"] == String(cases.count))
        #expect(suites.reduce(0) { $0 + Int($1.attributes["tests"]!)! } == cases.count)
        #expect(root.attributes["failures"] == "1")
        #expect(root.attributes["errors"] == "1")
        #expect(root.attributes["skipped"] == String(skipLines.count))
        #expect(cases.filter { $0.children.contains { $0.name == "skipped" } }.count == skipLines.count)
        for testCase in cases {
            #expect(testCase.attributes["classname"] == suites.first { $0.children.contains { $0 === testCase } }?.attributes["name"])
            #expect(Double(testCase.attributes["time"] ?? "") != nil)
        }
        let wrong = try #require(cases.first { $0.attributes["name"] == "wrong.grace [sc]" })
        let failure = try #require(wrong.children.first { $0.name == "failure" })
        #expect(failure.attributes["message"]?.hasPrefix("expected pass, found violation rcu-head-reuse") == true)
        #expect(failure.text.contains("Counterexample for rcu-head-reuse under sc: violation rcu-head-reuse"))
        #expect(failure.text.contains("2  CPU0 task    P0:10  call_rcu(&pg->rcu_head, cb);"))
        let bad = try #require(cases.first { $0.attributes["name"] == "bad.grace" })
        let error = try #require(bad.children.first { $0.name == "error" })
        #expect(error.text.contains("bad.grace:5:16: error: expected ')' to close the arguments of 'WRITE_ONCE'"))
        let powerpc = try #require(cases.first { $0.attributes["name"] == "pte-free-defer-v3.grace [sc]" })
        #expect(powerpc.attributes["classname"] == "powerpc")
        #expect(powerpc.children.isEmpty)

        // SARIF: valid against the published schema; one result for the
        // unexpected violation, one for the model error, none for expected ones.
        let (sarif, errors) = try Self.validateSARIF(try String(contentsOfFile: sarifPath, encoding: .utf8))
        #expect(errors.isEmpty, "\(errors.prefix(10))")
        let sarifRun = try #require(sarif["runs"]?.array?.first)
        let rules = try #require(sarifRun["tool"]?["driver"]?["rules"]?.array)
        #expect(rules.compactMap { $0["id"]?.string } == ViolationKind.allCases.map(\.rawValue) + ["model-error"])
        #expect(rules.allSatisfy { $0["shortDescription"]?["text"] != nil && $0["fullDescription"]?["text"] != nil && $0["help"]?["text"] != nil })
        let results = try #require(sarifRun["results"]?.array)
        #expect(results.count == 2)
        let violation = try #require(results.first { $0["ruleId"]?.string == "rcu-head-reuse" })
        #expect(rules[violation["ruleIndex"]!.integer!]["id"]?.string == "rcu-head-reuse")
        let region = violation["locations"]?.array?.first?["physicalLocation"]?["region"]
        #expect(region?["startLine"]?.integer == 10)
        #expect(region?["startColumn"]?.integer == 2)
        let flows = try #require(violation["codeFlows"]?.array?.first?["threadFlows"]?.array)
        #expect(flows.compactMap { $0["id"]?.string } == ["CPU0 task"])
        let steps = try #require(flows.first?["locations"]?.array)
        #expect(steps.compactMap { $0["executionOrder"]?.integer } == [1, 2])
        #expect(steps.last?["location"]?["message"]?["text"]?.string?.contains("which is still queued for cb") == true)
        let modelError = try #require(results.first { $0["ruleId"]?.string == "model-error" })
        let errorRegion = modelError["locations"]?.array?.first?["physicalLocation"]?["region"]
        #expect(errorRegion?["startLine"]?.integer == 5)
        #expect(errorRegion?["startColumn"]?.integer == 16)
    }

    /// Each CPU context gets its own thread flow; together they hold every
    /// step once, each flow in execution order.
    @Test func sarifThreadFlowPerContext() throws {
        let path = fixture("kernel/mmu-gather-fallback-rcu-walker-uaf.grace")
        let program = try loadProgram(path)
        let result = check(program)
        let trace = try #require(result.trace)
        let report = ModelReport(path: path, name: program.name, memoryModel: .sc, result: result, expected: nil)
        let (sarif, errors) = try Self.validateSARIF(SARIFReport.document(version: "1", reports: [report], workingDirectory: packageRoot.path))
        #expect(errors.isEmpty, "\(errors.prefix(10))")
        let result0 = try #require(sarif["runs"]?.array?.first?["results"]?.array?.first)
        #expect(result0["locations"]?.array?.first?["physicalLocation"]?["artifactLocation"]?["uri"]?.string
            == "Tests/GraceTests/Fixtures/kernel/mmu-gather-fallback-rcu-walker-uaf.grace")
        let flows = try #require(result0["codeFlows"]?.array?.first?["threadFlows"]?.array)
        let names = flows.compactMap { $0["id"]?.string }
        #expect(names == TraceLanes(trace).lanes.map(\.name))
        #expect(names.contains("CPU1 ipi"))
        var orders: [Int] = []
        for flow in flows {
            let order = flow["locations"]?.array?.compactMap { $0["executionOrder"]?.integer } ?? []
            #expect(order == order.sorted())
            orders += order
        }
        #expect(orders.sorted() == Array(1...trace.steps.count))
    }

    @Test func sarifURIsAreRelativeToTheWorkingDirectory() {
        #expect(SARIFReport.artifactURI("/repo/Models/a b.grace", workingDirectory: "/repo") == "Models/a%20b.grace")
        #expect(SARIFReport.artifactURI("./Models/x.grace", workingDirectory: "/repo") == "Models/x.grace")
        #expect(SARIFReport.artifactURI("/elsewhere/x.grace", workingDirectory: "/repo") == "/elsewhere/x.grace")
    }

    /// The validator itself rejects what the schema forbids, so a clean
    /// result above means something.
    @Test func schemaValidatorRejectsInvalidLogs() throws {
        let valid = #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "grace"}}, "results": [{"message": {"text": "x"}, "level": "error"}]}]}"#
        #expect(try Self.validateSARIF(valid).errors.isEmpty)
        let broken = [
            #"{"runs": []}"#,
            #"{"version": "2.0.0", "runs": []}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "g"}}, "results": [{"message": {"text": "x"}, "level": "fatal"}]}]}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "g"}}, "results": [{"message": {}}]}]}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "g"}}, "results": [{"message": {"text": "x"}, "codeFlows": [{"threadFlows": []}]}]}]}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "g"}}, "results": [{"message": {"text": "x"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a"}, "region": {"startLine": 0}}}]}]}]}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "g", "guid": "nope"}}}]}"#,
            #"{"version": "2.1.0", "runs": [], "extra": 1}"#,
        ]
        for text in broken {
            #expect(!(try Self.validateSARIF(text).errors.isEmpty), "accepted: \(text)")
        }
    }

    /// Markup characters are escaped; control characters, which XML 1.0
    /// cannot carry, are written visibly.
    @Test func junitEscapesMarkupAndControlCharacters() throws {
        let hostile = "a <b> & \"c\" 'd' \u{1}\u{1B}[31m ]]> end"
        var report = ModelReport(path: "dir/x<y>.grace", name: "", memoryModel: nil, result: nil, expected: nil, diagnostics: [hostile])
        report.problems = [Diagnostic(at: .unknown, hostile)]
        let document = JUnitReport.document([report])
        let parsed = XMLOutline.parse(document)
        #expect(parsed.failure == nil)
        let testCase = try #require(parsed.root?.all("testcase").first)
        #expect(testCase.attributes["name"] == "x<y>.grace")
        #expect(testCase.attributes["classname"] == "dir")
        let error = try #require(testCase.children.first)
        #expect(error.text == "a <b> & \"c\" 'd' \\u{1}\\u{1b}[31m ]]> end")
    }
}
