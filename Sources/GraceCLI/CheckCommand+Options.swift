import Foundation
import GraceExplorer
import GraceFrontend
import GraceSemantics

extension CheckCommand {
    /// How counterexamples print on standard output.
    enum TraceStyle: String {
        /// One numbered step per line, as Counterexamples/ holds them.
        case steps
        /// One column per CPU, for a fixed-width email.
        case columns
    }

    struct Options {
        var paths: [String] = []
        var memory: [MemoryModelKind]?
        var format = "text"
        var showStatistics = false
        var checkOptions = CheckOptions(jobs: ProcessInfo.processInfo.activeProcessorCount, reduction: true)
        var traceDirectory: String?
        var junitPath: String?
        var sarifPath: String?
        var svgDirectory: String?
        var htmlDirectory: String?
        var traceStyle = TraceStyle.steps
        /// nil: show progress when standard error is a terminal.
        var progress: Bool?

        static func parse(_ arguments: [String]) throws -> Options {
            var options = Options()
            var splitDepth: Int?
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
                    let text = try value(argument)
                    guard let jobs = Int(text), jobs > 0 else { throw UsageError(message: "--jobs needs a positive whole number, not '\(text)'") }
                    options.checkOptions.jobs = jobs
                case "--no-reduction":
                    options.checkOptions.reduction = false
                case "--shard":
                    let text = try value(argument)
                    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
                    guard parts.count == 2, let shard = Int(parts[0]), let count = Int(parts[1]), count > 0, (1...count).contains(shard) else {
                        throw UsageError(message: "--shard takes i/n with 1 <= i <= n, not '\(text)'")
                    }
                    options.checkOptions.shard = ShardSpec(index: shard, count: count)
                case "--split-depth":
                    let text = try value(argument)
                    guard let depth = Int(text), depth >= 0 else { throw UsageError(message: "--split-depth needs a whole number, not '\(text)'") }
                    splitDepth = depth
                case "--trace-dir":
                    options.traceDirectory = try value(argument)
                case "--junit":
                    options.junitPath = try value(argument)
                case "--sarif":
                    options.sarifPath = try value(argument)
                case "--svg":
                    options.svgDirectory = try value(argument)
                case "--html":
                    options.htmlDirectory = try value(argument)
                case "--trace-style":
                    let text = try value(argument)
                    guard let style = TraceStyle(rawValue: text) else { throw UsageError(message: "--trace-style takes steps or columns, not '\(text)'") }
                    options.traceStyle = style
                case "--progress":
                    options.progress = true
                case "--no-progress":
                    options.progress = false
                default:
                    if argument.hasPrefix("-") { throw UsageError(message: "unknown option '\(argument)'") }
                    options.paths.append(argument)
                }
                index += 1
            }
            if let splitDepth {
                guard options.checkOptions.shard != nil else { throw UsageError(message: "--split-depth goes with --shard") }
                options.checkOptions.shard?.splitDepth = splitDepth
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
                                     lines name, and lkmm for a herd7 Result line; else sc)
          --format text|json|markdown   output format (default text; markdown: the
                                     'Models at a glance' table of README.md)
          --stats                    print states, transitions, depth, time, states/s, peak memory
          --max-states N             stop with 'inconclusive' after N states
          --time-limit SECONDS       stop with 'inconclusive' after this long
          --memory-limit MB          stop with 'inconclusive' when the visited set outgrows this
          --trace-style steps|columns   counterexamples as numbered steps (default) or
                                     one column per CPU, fitted to the terminal or 100 wide
          --trace-dir DIR            write each counterexample to DIR/<model>.<memory>.txt
          --junit FILE               write a JUnit XML report (one test case per model and memory model)
          --sarif FILE               write a SARIF 2.1.0 log (unexpected violations and model errors)
          --svg DIR                  write each counterexample as a sequence chart DIR/<model>.<memory>.svg
          --html DIR                 write DIR/index.html: verdicts and step-through charts
          --progress, --no-progress  a status line every half second (default: on when
                                     standard error is a terminal)
          --jobs N                   threads one search runs on (default: the core count);
                                     the output is the same for any N
          --no-reduction             explore every state: no symmetry reduction over
                                     interchangeable threads (state counts of every state)
          --shard i/n                explore shard i of n of each search (sc and tso), for
                                     'grace merge' to join; use with --format json
          --split-depth D            with --shard: split the search at depth D (default: the
                                     first level of at least 64 states per shard)

        Ctrl-C ends the running search as 'inconclusive (interrupted)', reports what
        was done and writes the report files; a second Ctrl-C quits at once.

        exit codes: 0 as expected, 1 a verdict differs or a violation was found,
        2 inconclusive, 64 usage error, 65 a model does not parse or type-check,
        130 interrupted
        """
}
