import GraceExplorer
import GraceFrontend

/// JUnit XML as CI systems read it: one `<testcase>` per (model, memory
/// model), a `<failure>` carrying the counterexample for a verdict that
/// differs from its expectation, an `<error>` with the diagnostics for a
/// model that does not parse, `<skipped>` for inconclusive searches and
/// memory models that were not run.
///
/// One `<testsuite>` per model family (the folder: `powerpc`, `s390`): GitHub
/// test reporters, GitLab and Jenkins all list suites as the first level and
/// show per-suite counts, so a family's failures stay together; the
/// `classname` is the family too, which Jenkins uses as the package.
public enum JUnitReport {
    public static func document(_ reports: [ModelReport]) -> String {
        var families: [String] = []
        var byFamily: [String: [ModelReport]] = [:]
        for report in reports {
            if byFamily[report.family] == nil { families.append(report.family) }
            byFamily[report.family, default: []].append(report)
        }
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        lines.append("<testsuites name=\"grace\"\(counts(reports))>")
        for family in families {
            let members = byFamily[family]!
            lines.append("  <testsuite name=\"\(XMLText.escaped(family))\"\(counts(members))>")
            for report in members { lines += testCase(report) }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The test case name: the model file and the memory model it ran under.
    static func caseName(_ report: ModelReport) -> String {
        let file = report.path.split(separator: "/").last.map(String.init) ?? report.path
        return report.memoryModel.map { "\(file) [\($0.rawValue)]" } ?? file
    }

    private static func counts(_ reports: [ModelReport]) -> String {
        var failures = 0, errors = 0, skipped = 0
        for report in reports {
            switch report.status {
            case .failed: failures += 1
            case .invalid: errors += 1
            case .inconclusive, .skipped: skipped += 1
            case .asExpected, .unexpectedlyFine: break
            }
        }
        return " tests=\"\(reports.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(seconds(reports))\""
    }

    private static func seconds(_ reports: [ModelReport]) -> String {
        TextReport.format(reports.reduce(0) { $0 + ($1.result?.statistics.seconds ?? 0) }, digits: 3)
    }

    private static func testCase(_ report: ModelReport) -> [String] {
        let open = "    <testcase classname=\"\(XMLText.escaped(report.family))\" name=\"\(XMLText.escaped(caseName(report)))\" "
            + "file=\"\(XMLText.escaped(report.path))\" time=\"\(seconds([report]))\""
        let child: (element: String, message: String, type: String, body: String)
        switch report.status {
        case .asExpected, .unexpectedlyFine:
            return [open + "/>"]
        case .skipped(let reason):
            return [open + ">", "      <skipped message=\"\(XMLText.escaped(reason))\"/>", "    </testcase>"]
        case .inconclusive:
            var reason = "inconclusive"
            if case .inconclusive(let why)? = report.result?.outcome { reason = "inconclusive: \(why)" }
            return [open + ">", "      <skipped message=\"\(XMLText.escaped(reason))\"/>", "    </testcase>"]
        case .invalid:
            child = ("error", "the model does not parse or type-check", "model-error", report.diagnostics.joined(separator: "\n"))
        case .failed:
            child = failure(report)
        }
        return [
            open + ">",
            "      <\(child.element) message=\"\(XMLText.escaped(child.message))\" type=\"\(XMLText.escaped(child.type))\">"
                + XMLText.escapedContent(child.body) + "</\(child.element)>",
            "    </testcase>",
        ]
    }

    private static func failure(_ report: ModelReport) -> (element: String, message: String, type: String, body: String) {
        let found = report.result?.verdict?.spelled ?? "?"
        var message = report.expected.map { "expected \($0.spelled), found \(found)" } ?? "\(found), with no expectation"
        var body = message + "\n"
        if let result = report.result {
            if result.consideredFinalStates > 0 {
                body += "\(result.satisfyingFinalStates) of \(result.consideredFinalStates) final states satisfy the condition\n"
            }
            body += TextReport.statisticsLine(result.statistics).trimmingCharacters(in: .whitespaces) + "\n"
        }
        if let trace = report.result?.trace, let memory = report.memoryModel {
            message += ": " + trace.violation.message
            body += "\n" + TraceText.render(trace, model: report.name, memoryModel: memory, config: report.config ?? ModelConfig())
        }
        return ("failure", message, found, body)
    }
}
