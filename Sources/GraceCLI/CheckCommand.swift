import Foundation
import GraceExplorer
import GraceFrontend
import GraceReports
import GraceSemantics

/// `grace check`: runs every model under each memory model its Expect lines
/// name (or `--memory`), compares with the expectations, prints the results.
struct CheckCommand {
    struct Options {
        var paths: [String] = []
        var memory: [MemoryModelKind]?
        var format = "text"
        var showStatistics = false
        var checkOptions = CheckOptions()
        var traceDirectory: String?

        static func parse(_ arguments: [String]) throws -> Options {
            var options = Options()
            var index = 0
            func value(_ flag: String) throws -> String {
                index += 1
                guard index < arguments.count else { throw UsageError(message: "\(flag) needs a value") }
                return arguments[index]
            }
            func positive(_ flag: String) throws -> Double {
                let text = try value(flag)
                guard let number = Double(text), number > 0, number.isFinite else {
                    throw UsageError(message: "\(flag) needs a positive number, not '\(text)'")
                }
                return number
            }
            while index < arguments.count {
                let argument = arguments[index]
                switch argument {
                case "--memory":
                    let text = try value(argument)
                    if text == "all" {
                        options.memory = MemoryModelKind.allCases
                    } else if let kind = MemoryModelKind(rawValue: text) {
                        options.memory = [kind]
                    } else {
                        throw UsageError(message: "--memory takes sc, tso, lkmm or all, not '\(text)'")
                    }
                case "--format":
                    let text = try value(argument)
                    guard ["text", "json", "markdown"].contains(text) else { throw UsageError(message: "--format takes text, json or markdown, not '\(text)'") }
                    options.format = text
                case "--stats":
                    options.showStatistics = true
                case "--max-states":
                    options.checkOptions.maxStates = Int(try positive(argument))
                case "--time-limit":
                    options.checkOptions.timeLimit = try positive(argument)
                case "--memory-limit":
                    options.checkOptions.memoryLimitBytes = Int(try positive(argument) * 1_048_576)
                case "--jobs":
                    _ = try positive(argument)
                case "--trace-dir":
                    options.traceDirectory = try value(argument)
                case "--progress", "--no-progress":
                    break
                case "--junit", "--sarif", "--svg", "--html":
                    throw UsageError(message: "\(argument) is not supported yet")
                default:
                    if argument.hasPrefix("-") { throw UsageError(message: "unknown option '\(argument)'") }
                    options.paths.append(argument)
                }
                index += 1
            }
            return options
        }
    }

    static let help = """
        usage: grace check [PATH ...] [options]

        Checks model files (.grace, .litmus) or folders of them (default: ./Models)
        under each memory model their Expect lines name, and compares the verdicts
        with the expectations.

        options:
          --memory sc|tso|lkmm|all   memory model to check under (default: those the Expect
                                     lines name; lkmm for a herd7 Result line; else sc)
          --format text|json|markdown   output format (default text; markdown: the
                                     'Models at a glance' table of README.md)
          --stats                    print states, transitions, depth, time, states/s, peak memory
          --max-states N             stop with 'inconclusive' after N states
          --time-limit SECONDS       stop with 'inconclusive' after this long
          --memory-limit MB          stop with 'inconclusive' when the visited set outgrows this
          --trace-dir DIR            write each counterexample to DIR/<model>.<memory>.txt
          --jobs N                   accepted; checks run one after another for now

        exit codes: 0 as expected, 1 a verdict differs or a violation was found,
        2 inconclusive, 64 usage error, 65 a model does not parse or type-check
        """

    let options: Options

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
            let modelReports = check(path: path, output: output)
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
        return exitCode(for: reports)
    }

    private func check(path: String, output: some OutputStreams) -> [ModelReport] {
        let program: Program
        switch ModelLoader.load(path: path) {
        case .invalid(let file, let diagnostics):
            let rendered = diagnostics.map { $0.rendered(in: file) }
            output.error(rendered.joined(separator: "\n"))
            return [ModelReport(path: path, name: "", memoryModel: nil, result: nil, expected: nil, diagnostics: rendered)]
        case .program(let loaded):
            program = loaded
        }
        let kinds = options.memory ?? program.directives.defaultMemoryModels
        return kinds.map { kind in
            let expected = program.directives.expectation(for: kind)
            let result: CheckResult
            switch run(program, under: kind) {
            case .success(let checked):
                result = checked
            case .failure(let unsupported):
                var report = ModelReport(path: path, name: program.name, memoryModel: kind, result: nil, expected: expected,
                                         skipReason: unsupported.reason)
                report.summary = program.directives.summary
                return report
            }
            var report = ModelReport(path: path, name: program.name, memoryModel: kind, result: result, expected: expected)
            report.summary = program.directives.summary
            report.config = program.config
            if let trace = result.trace, let directory = options.traceDirectory {
                writeTrace(trace, program: program, path: path, kind: kind, directory: directory, output: output)
            }
            return report
        }
    }

    /// sc runs on the state explorer; tso and lkmm on the graph explorer,
    /// which judges execution graphs with the model's consistency checker.
    private func run(_ program: Program, under kind: MemoryModelKind) -> Result<CheckResult, UnsupportedProgram> {
        guard kind == .sc else {
            var explorer = GraphExplorer(program: program, checker: ConsistencyCheckers.checker(for: kind, config: program.config),
                                         options: options.checkOptions)
            return explorer.check()
        }
        let system = KernelSystem(program: program, memory: SequentialConsistency())
        return .success(BreadthFirstChecker(system: system, options: options.checkOptions).run())
    }

    private func printText(_ report: ModelReport, output: some OutputStreams) {
        output.write(TextReport.resultLine(report) + "\n")
        if options.showStatistics, let statistics = report.result?.statistics {
            output.write(TextReport.statisticsLine(statistics) + "\n")
        }
        if let trace = report.result?.trace, let kind = report.memoryModel {
            let text = TraceText.render(trace, model: report.name, memoryModel: kind, config: report.config ?? ModelConfig())
            output.write("\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n") + "\n")
        }
    }

    private func writeTrace(_ trace: Trace, program: Program, path: String, kind: MemoryModelKind, directory: String, output: some OutputStreams) {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let target = URL(fileURLWithPath: directory).appendingPathComponent("\(stem).\(kind.rawValue).txt")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(TraceText.render(trace, model: program.name, memoryModel: kind, config: program.config).utf8).write(to: target)
        } catch {
            output.error("grace: cannot write \(target.path): \(error.localizedDescription)")
        }
    }

    private func exitCode(for reports: [ModelReport]) -> ExitCode {
        var code = ExitCode.success
        for report in reports {
            switch report.status {
            case .invalid: return .invalidModel
            case .failed: code = .failure
            case .inconclusive where code == .success: code = .inconclusive
            default: break
            }
        }
        return code
    }
}
