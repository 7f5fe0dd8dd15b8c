import GraceExplorer
import GraceFrontend

/// The "Models at a glance" table: one row per model, a verdict column per
/// memory model, and the size of the sc search.
public enum MarkdownReport {
    public static func table(_ reports: [ModelReport]) -> String {
        var lines = [
            "| model | protocol | what it shows | sc | tso | lkmm | states | time |",
            "|---|---|---|---|---|---|---|---|",
        ]
        var byPath: [String: [ModelReport]] = [:]
        var order: [String] = []
        for report in reports {
            if byPath[report.path] == nil { order.append(report.path) }
            byPath[report.path, default: []].append(report)
        }
        for path in order {
            let rows = byPath[path]!
            let parts = path.split(separator: "/")
            let family = parts.count >= 2 ? String(parts[parts.count - 2]) : ""
            let model = String(parts.last ?? "")
            func verdict(_ kind: MemoryModelKind) -> String {
                guard let report = rows.first(where: { $0.memoryModel == kind }) else { return "—" }
                if report.skipReason != nil { return "(\(report.expected?.spelled ?? "not run"))" }
                switch report.result?.outcome {
                case .verdict(let verdict)?: return verdict.spelled + (report.asExpected == false ? " ✘" : "")
                case .inconclusive?: return "inconclusive"
                case nil: return "error"
                }
            }
            let sc = rows.first { $0.memoryModel == .sc }?.result?.statistics
            let states = sc.map { String($0.states) } ?? "—"
            let time = sc.map { TextReport.format($0.seconds, digits: 2) + " s" } ?? "—"
            let summary = (rows.first?.summary ?? "").replacingOccurrences(of: "|", with: "\\|")
            lines.append("| \(model) | \(family) | \(summary) | \(verdict(.sc)) | \(verdict(.tso)) | \(verdict(.lkmm)) | \(states) | \(time) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
