import GraceExplorer
import GraceFrontend
import GraceSemantics

/// One self-contained HTML page per run: the verdict table and, for each
/// counterexample, its sequence chart with the step text beside it. Arrow
/// keys step through the active counterexample. Everything is inline (CSS,
/// script, SVG): the page fetches nothing.
///
/// The script records what it rendered in data attributes (lanes, steps,
/// the current step) and catches errors into the page, so a headless
/// browser's DOM dump shows whether the page works.
public enum HTMLReport {
    public static func page(version: String, reports: [ModelReport]) -> String {
        var body: [String] = []
        body.append("<h1>Grace check</h1>")
        body.append("<p class=\"summary\">\(XMLText.escapedContent(TextReport.summary(reports))) · grace \(XMLText.escaped(version))</p>")
        body += verdictTable(reports)
        var chartIndex = 0
        for report in reports {
            guard let trace = report.result?.trace, let memory = report.memoryModel else { continue }
            chartIndex += 1
            body += counterexample(report, trace: trace, memory: memory, index: chartIndex)
        }
        body.append("<pre id=\"errors\" hidden></pre>")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Grace check</title>
            <style>\(style)</style>
            <script>\(errorCatcher)</script>
            </head>
            <body data-counterexamples="\(chartIndex)">
            \(body.joined(separator: "\n"))
            <script>\(stepper)</script>
            </body>
            </html>

            """
    }

    static func anchor(_ index: Int) -> String { "counterexample-\(index)" }

    private static func verdictTable(_ reports: [ModelReport]) -> [String] {
        var rows = ["<table class=\"verdicts\">",
                    "<thead><tr><th>model</th><th>memory</th><th>verdict</th><th>expected</th><th>result</th><th>states</th><th>seconds</th></tr></thead>",
                    "<tbody>"]
        var chartIndex = 0
        for report in reports {
            let (status, verdict) = describe(report)
            var verdictCell = XMLText.escapedContent(verdict)
            if report.result?.trace != nil, report.memoryModel != nil {
                chartIndex += 1
                verdictCell = "<a href=\"#\(anchor(chartIndex))\">\(verdictCell)</a>"
            }
            let statistics = report.result?.statistics
            rows.append("<tr class=\"\(status)\"><td>\(XMLText.escapedContent(report.path))</td>"
                + "<td>\(report.memoryModel?.rawValue ?? "-")</td><td>\(verdictCell)</td>"
                + "<td>\(XMLText.escapedContent(report.expected?.spelled ?? "-"))</td><td>\(status)</td>"
                + "<td>\(statistics.map { String($0.states) } ?? "-")</td>"
                + "<td>\(statistics.map { TextReport.format($0.seconds, digits: 3) } ?? "-")</td></tr>")
        }
        rows += ["</tbody>", "</table>"]
        return rows
    }

    /// The status word (also a CSS class) and the verdict text of a row.
    private static func describe(_ report: ModelReport) -> (String, String) {
        switch report.status {
        case .asExpected: return ("ok", report.result?.verdict?.spelled ?? "")
        case .unexpectedlyFine: return ("done", report.result?.verdict?.spelled ?? "")
        case .failed: return ("fail", report.result?.verdict?.spelled ?? "")
        case .invalid: return ("error", report.diagnostics.first?.split(separator: "\n").first.map(String.init) ?? "does not parse")
        case .skipped(let reason): return ("skipped", reason)
        case .inconclusive:
            if case .inconclusive(let reason)? = report.result?.outcome { return ("inconclusive", "inconclusive: \(reason)") }
            return ("inconclusive", "inconclusive")
        }
    }

    private static func counterexample(_ report: ModelReport, trace: Trace, memory: MemoryModelKind, index: Int) -> [String] {
        let title = "\(report.name) under \(memory.rawValue): violation \(trace.violation.kind.rawValue)"
        let chart = SequenceChart(trace: trace, title: title, idPrefix: "chart\(index)")
        let lanes = TraceLanes(trace)
        var lines = ["<section class=\"counterexample\" id=\"\(anchor(index))\" tabindex=\"0\" "
            + "data-lanes=\"\(lanes.lanes.count)\" data-steps=\"\(trace.steps.count)\">",
            "<h2>\(XMLText.escapedContent(title))</h2>",
            "<p class=\"model\">\(XMLText.escapedContent(report.path))\(config(report))</p>",
            "<div class=\"pair\">",
            "<div class=\"chart\">", chart.svg(), "</div>",
            "<ol class=\"steps\">"]
        for step in trace.steps {
            let lane = lanes.lanes[lanes.index(of: step)].name
            let events = step.events.map { "<span class=\"event\">\(XMLText.escapedContent($0.text))</span>" }.joined()
            lines.append("<li data-step=\"\(step.number)\"><span class=\"who\">\(XMLText.escapedContent(lane))</span> "
                + "<span class=\"where\">\(XMLText.escapedContent("\(step.function):\(step.line)"))</span> "
                + "<code>\(XMLText.escapedContent(step.sourceText))</code>\(events)</li>")
        }
        lines.append("</ol>")
        lines.append("</div>")
        var violation = "violation \(trace.violation.kind.rawValue): \(trace.violation.message)"
        if trace.explanation != trace.violation.message { violation += "\n" + trace.explanation }
        lines.append("<pre class=\"violation\">\(XMLText.escapedContent(violation))</pre>")
        lines.append("</section>")
        return lines
    }

    private static func config(_ report: ModelReport) -> String {
        let settings = report.config?.nonDefaultSettings ?? ""
        return settings.isEmpty ? "" : " · Config: " + XMLText.escapedContent(settings)
    }
}
