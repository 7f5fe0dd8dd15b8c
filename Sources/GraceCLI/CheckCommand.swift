import Foundation
import GraceExplorer
import GraceFrontend
import GraceReports
import GraceSemantics

/// `grace check`: runs every model under each memory model its Expect lines
/// name (or `--memory`), compares with the expectations, prints the results
/// and writes the report files asked for.
struct CheckCommand {
    let options: Options
    /// Raised by the first Ctrl-C: the running search ends inconclusive and
    /// the models not yet started are reported as not run.
    var interruption: CancellationFlag?

    static let notRunReason = "not run: interrupted"

    func run(output: some OutputStreams) -> ExitCode {
        let files: [String]
        do {
            files = try ModelFinder.files(in: options.paths.isEmpty ? ["Models"] : options.paths)
        } catch let error as UsageError {
            output.error("grace: error: \(error.message)")
            return .usage
        } catch {
            output.error("grace: error: \(error)")
            return .usage
        }
        var reports: [ModelReport] = []
        for path in files {
            let modelReports: [ModelReport]
            do {
                modelReports = isInterrupted
                    ? [ModelReport(path: path, name: "", memoryModel: nil, result: nil, expected: nil, skipReason: Self.notRunReason)]
                    : try check(path: path, fileStem: Self.fileStem(of: path, among: files), output: output)
            } catch {
                output.error("grace: error: \(error.message)")
                return .usage
            }
            reports += modelReports
            if options.format == "text" {
                for report in modelReports { printText(report, output: output) }
            }
        }
        if options.format == "json" {
            output.write(JSONReport.document(version: GraceCommand.version, reports: reports))
        } else if options.format == "markdown" {
            output.write(MarkdownReport.table(reports))
        } else if reports.count > 1 {
            output.write(TextReport.summary(reports) + "\n")
        }
        writeReports(reports, output: output)
        return isInterrupted ? .interrupted : exitCode(for: reports)
    }

    private var isInterrupted: Bool { interruption?.isRaised == true }

    private func check(path: String, fileStem: String, output: some OutputStreams) throws(UsageError) -> [ModelReport] {
        let program: Program
        switch ModelLoader.load(path: path) {
        case .invalid(let file, let diagnostics):
            let rendered = diagnostics.map { $0.rendered(in: file) }
            output.error(rendered.joined(separator: "\n"))
            var report = ModelReport(path: path, name: "", memoryModel: nil, result: nil, expected: nil, diagnostics: rendered)
            report.problems = diagnostics
            return [report]
        case .program(let loaded):
            program = loaded
            if !loaded.warnings.isEmpty {
                output.error(loaded.warnings.map { $0.rendered(in: loaded.file) }.joined(separator: "\n"))
            }
        }
        let kinds = options.memory ?? program.directives.judgedMemoryModels
        if options.checkOptions.shard != nil, kinds.contains(.lkmm) {
            throw UsageError(message: "--shard splits searches under sc and tso, not under lkmm (\(path)); choose one with --memory sc or --memory tso")
        }
        return kinds.map { kind in check(program, path: path, fileStem: fileStem, kind: kind,
                                         expected: program.directives.expectation(for: kind), output: output) }
    }

    private func check(_ program: Program, path: String, fileStem: String, kind: MemoryModelKind, expected: Directives.Expectation?,
                       output: some OutputStreams) -> ModelReport {
        var report = ModelReport(path: path, name: program.name, memoryModel: kind, result: nil, expected: expected)
        report.summary = program.directives.summary
        report.config = program.config
        guard !isInterrupted else {
            report.skipReason = Self.notRunReason
            return report
        }
        let progress = progressLine(path: path, kind: kind)
        var checkOptions = options.checkOptions
        checkOptions.cancellation = interruption
        if let progress {
            checkOptions.progress = { progress.update($0) }
        }
        let outcome = ModelChecker.check(program, under: kind, options: checkOptions)
        progress?.clear()
        var result: CheckResult
        switch outcome {
        case .success(let checked):
            result = checked
            result.shard?.modelDigest = ModelDigest.of(program.file.bytes)
            result.shard?.options = Self.shardOptions(options.checkOptions.shard)
        case .failure(let unsupported):
            report.skipReason = unsupported.reason
            return report
        }
        report.result = result
        if let trace = result.trace, let directory = options.traceDirectory {
            writeTrace(trace, program: program, fileStem: fileStem, kind: kind, directory: directory, output: output)
        }
        return report
    }

    private func progressLine(path: String, kind: MemoryModelKind) -> ProgressLine? {
        let onTerminal = Terminal.isTerminal(STDERR_FILENO)
        guard options.progress ?? onTerminal else { return nil }
        return ProgressLine(label: "\(path) [\(kind.rawValue)]", redraws: onTerminal, width: onTerminal ? Terminal.width(of: STDERR_FILENO) : nil)
    }

    /// The options that shape a shard's search, which all shards of one
    /// search must share.
    static func shardOptions(_ shard: ShardSpec?) -> String {
        "split-depth " + (shard?.splitDepth.map(String.init) ?? "auto")
    }

    /// A model none of whose memory models could be judged has not been
    /// checked at all, which must not read as success. A shard's violation
    /// is not yet the model's: `grace merge` judges it.
    func exitCode(for reports: [ModelReport]) -> ExitCode {
        var code = ExitCode.success
        var judgedPaths = Set<String>()
        for report in reports {
            if case .skipped = report.status { continue }
            judgedPaths.insert(report.path)
        }
        if reports.contains(where: { !judgedPaths.contains($0.path) }) { code = .inconclusive }
        for report in reports {
            switch report.status {
            case .invalid: return .invalidModel
            case .failed where options.checkOptions.shard == nil: code = .failure
            case .inconclusive where code == .success: code = .inconclusive
            default: break
            }
        }
        return code
    }
}
