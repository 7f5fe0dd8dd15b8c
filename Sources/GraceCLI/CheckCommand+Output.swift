import Foundation
import GraceExplorer
import GraceFrontend
import GraceReports
import GraceSemantics

extension CheckCommand {
    /// Width of the indent before a counterexample in the text output.
    static let traceIndent = 4

    func printText(_ report: ModelReport, output: some OutputStreams) {
        if let coverage = report.result?.shard {
            // A shard's finding is only part of a verdict: no counterexample
            // until `grace merge` has the least of the shards'.
            output.write(TextReport.shardLines(report, coverage) + "\n")
            return
        }
        output.write(TextReport.resultLine(report) + "\n")
        if let statistics = report.result?.statistics {
            if options.showStatistics {
                output.write(TextReport.statisticsLine(statistics) + "\n")
            } else if case .inconclusive = report.status {
                // An unfinished search always says how far it got, in numbers
                // that do not vary from run to run.
                output.write(TextReport.coverageLine(statistics) + "\n")
            }
        }
        guard let trace = report.result?.trace, let kind = report.memoryModel else { return }
        let config = report.config ?? ModelConfig()
        let text: String
        switch options.traceStyle {
        case .steps:
            text = TraceText.render(trace, model: report.name, memoryModel: kind, config: config)
        case .columns:
            let width = Terminal.isTerminal(STDOUT_FILENO) ? Terminal.width(of: STDOUT_FILENO) : Terminal.defaultWidth
            text = ColumnTrace.render(trace, model: report.name, memoryModel: kind, config: config, width: width - Self.traceIndent)
        }
        let indent = String(repeating: " ", count: Self.traceIndent)
        output.write("\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n") + "\n")
    }

    func writeTrace(_ trace: Trace, program: Program, fileStem: String, kind: MemoryModelKind, directory: String, output: some OutputStreams) {
        let text = TraceText.render(trace, model: program.name, memoryModel: kind, config: program.config)
        write(text, to: URL(fileURLWithPath: directory).appendingPathComponent("\(fileStem).\(kind.rawValue).txt"), output: output)
    }

    /// What the files written for the model at `path` are named after: its
    /// file name without extension, with its family's folder in front when
    /// another model of the run has the same name (powerpc and s390 both
    /// hold a pte-free-defer-v1-rcu-head-reuse), so neither overwrites the
    /// other.
    static func fileStem(of path: String, among paths: [String]) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let clashes = paths.contains { $0 != path && URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent == stem }
        return clashes ? "\(url.deletingLastPathComponent().lastPathComponent)-\(stem)" : stem
    }

    /// The JUnit, SARIF, SVG and HTML files asked for, written after the
    /// last check (also after an interruption).
    func writeReports(_ reports: [ModelReport], output: some OutputStreams) {
        if let path = options.junitPath {
            write(JUnitReport.document(reports), to: URL(fileURLWithPath: path), output: output)
        }
        if let path = options.sarifPath {
            let document = SARIFReport.document(version: GraceCommand.version, reports: reports,
                                                workingDirectory: FileManager.default.currentDirectoryPath)
            write(document, to: URL(fileURLWithPath: path), output: output)
        }
        if let directory = options.svgDirectory {
            let charted = reports.filter { $0.result?.trace != nil && $0.memoryModel != nil }
            for report in charted {
                let trace = report.result!.trace!
                let memory = report.memoryModel!.rawValue
                let name = "\(Self.fileStem(of: report.path, among: reports.map(\.path))).\(memory).svg"
                let chart = SequenceChart(trace: trace, title: "\(report.name) under \(memory): violation \(trace.violation.kind.rawValue)")
                write(chart.svg(), to: URL(fileURLWithPath: directory).appendingPathComponent(name), output: output)
            }
        }
        if let directory = options.htmlDirectory {
            write(HTMLReport.page(version: GraceCommand.version, reports: reports),
                  to: URL(fileURLWithPath: directory).appendingPathComponent("index.html"), output: output)
        }
    }

    private func write(_ text: String, to target: URL, output: some OutputStreams) {
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: target)
        } catch {
            output.error("grace: cannot write \(target.path): \(error.localizedDescription)")
        }
    }
}
