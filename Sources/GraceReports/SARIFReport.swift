import Foundation
import GraceExplorer
import GraceFrontend
import GraceSemantics

/// SARIF 2.1.0 as code-scanning services ingest it: one rule per violation
/// kind, one result per unexpected violation at the violating step's source
/// line with the counterexample as a code flow (one thread flow per CPU
/// context, steps in trace order), and one `model-error` result per
/// diagnostic of a model that does not parse.
public enum SARIFReport {
    static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// The log, with artifact URIs relative to `workingDirectory`.
    public static func document(version: String, reports: [ModelReport], workingDirectory: String) -> String {
        let driver: JSONValue = .object([
            "name": .string("grace"),
            "version": .string(version),
            "semanticVersion": .string(version),
            "rules": .array(rules.map(ruleObject)),
        ])
        var results: [JSONValue] = []
        for report in reports {
            let uri = artifactURI(report.path, workingDirectory: workingDirectory)
            switch report.status {
            case .failed:
                if let trace = report.result?.trace { results.append(violationResult(report, trace: trace, uri: uri)) }
            case .invalid:
                results += modelErrorResults(report, uri: uri)
            default:
                break
            }
        }
        let run: JSONValue = .object([
            "tool": .object(["driver": driver]),
            "columnKind": .string("unicodeCodePoints"),
            "results": .array(results),
        ])
        return JSONValue.object([
            "$schema": .string(schema),
            "version": .string("2.1.0"),
            "runs": .array([run]),
        ]).serialized() + "\n"
    }

    /// A path as a URI reference relative to the working directory, so
    /// code scanning can match it to the repository's files.
    static func artifactURI(_ path: String, workingDirectory: String) -> String {
        var relative = path
        let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        if relative.hasPrefix(base) { relative.removeFirst(base.count) }
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? relative
    }

    private static func ruleObject(_ rule: Rule) -> JSONValue {
        .object([
            "id": .string(rule.id),
            "name": .string(rule.name),
            "shortDescription": .object(["text": .string(rule.summary)]),
            "fullDescription": .object(["text": .string(rule.details)]),
            "help": .object(["text": .string(rule.help)]),
            "defaultConfiguration": .object(["level": .string("error")]),
            "properties": .object([
                "tags": .array([.string("concurrency"), .string("linux-mm")]),
                "precision": .string("very-high"),
                "problem.severity": .string("error"),
            ]),
        ])
    }

    private static func physicalLocation(uri: String, line: Int, column: Int) -> JSONValue {
        .object([
            "artifactLocation": .object(["uri": .string(uri)]),
            "region": .object(["startLine": .int(max(1, line)), "startColumn": .int(max(1, column))]),
        ])
    }

    private static func violationResult(_ report: ModelReport, trace: Trace, uri: String) -> JSONValue {
        let violation = trace.violation
        let memory = report.memoryModel?.rawValue ?? "sc"
        let line = violation.location?.line ?? trace.steps.last?.line ?? 1
        let column = violation.location?.column ?? trace.steps.last?.column ?? 1
        var text = "violation \(violation.kind.rawValue) in \(report.name) under \(memory): \(violation.message)"
        if trace.explanation != violation.message { text += "; " + trace.explanation }
        if let expected = report.expected { text += " (expected \(expected.spelled))" }
        var members: [String: JSONValue] = [
            "ruleId": .string(violation.kind.rawValue),
            "ruleIndex": .int(ruleIndex(violation.kind.rawValue)),
            "level": .string("error"),
            "message": .object(["text": .string(text)]),
            "locations": .array([.object(["physicalLocation": physicalLocation(uri: uri, line: line, column: column)])]),
            "partialFingerprints": .object(["graceViolation/v1": .string("\(uri):\(memory):\(violation.kind.rawValue)")]),
            "properties": .object(["model": .string(report.name), "memoryModel": .string(memory)]),
        ]
        if !trace.steps.isEmpty { members["codeFlows"] = .array([codeFlow(trace, uri: uri)]) }
        return .object(members)
    }

    /// The counterexample: one thread flow per CPU context, each step a
    /// location with what it did, `executionOrder` giving the global order.
    private static func codeFlow(_ trace: Trace, uri: String) -> JSONValue {
        let lanes = TraceLanes(trace)
        let threadFlows: [JSONValue] = lanes.lanes.map { lane in
            let steps = trace.steps.filter { $0.cpu == lane.cpu && $0.context == lane.context }
            return .object([
                "id": .string(lane.name),
                "message": .object(["text": .string(lane.name)]),
                "locations": .array(steps.map { step in
                    .object([
                        "executionOrder": .int(step.number),
                        "location": .object([
                            "physicalLocation": physicalLocation(uri: uri, line: step.line, column: step.column),
                            "message": .object(["text": .string(stepMessage(step, in: trace))]),
                        ]),
                    ])
                }),
            ])
        }
        return .object([
            "message": .object(["text": .string("\(trace.steps.count) steps on \(lanes.lanes.count) CPU contexts")]),
            "threadFlows": .array(threadFlows),
        ])
    }

    /// What a step did, the violation itself for the last step.
    static func stepMessage(_ step: Trace.Step, in trace: Trace) -> String {
        var parts = step.events.map(\.text)
        if step.number == trace.steps.last?.number { parts.append(trace.violation.message) }
        let what = parts.isEmpty ? step.sourceText : parts.joined(separator: "; ")
        return "step \(step.number), \(TraceLanes.Lane(cpu: step.cpu, context: step.context).name) in \(step.function): \(what)"
    }

    private static func modelErrorResults(_ report: ModelReport, uri: String) -> [JSONValue] {
        let problems = report.problems.isEmpty
            ? [Diagnostic(at: .unknown, report.diagnostics.first ?? "the model does not parse or type-check")]
            : report.problems
        return problems.map { problem in
            .object([
                "ruleId": .string(modelErrorRule.id),
                "ruleIndex": .int(ruleIndex(modelErrorRule.id)),
                "level": .string(problem.severity == .note ? "note" : problem.severity.rawValue),
                "message": .object(["text": .string(problem.message)]),
                "locations": .array([.object(["physicalLocation": physicalLocation(uri: uri, line: problem.location.line, column: problem.location.column)])]),
            ])
        }
    }
}
