import Foundation
import GraceExplorer
import GraceFrontend
import GraceReports
import GraceSemantics

/// `grace merge`: joins the JSON results of the shards of `grace check
/// --shard i/n` into the verdict and counterexample of one search, and
/// prints them as `grace check` would have.
struct MergeCommand {
    struct Options {
        var files: [String] = []
        var format = "text"
        var showStatistics = false

        static func parse(_ arguments: [String]) throws(UsageError) -> Options {
            var options = Options()
            var index = 0
            while index < arguments.count {
                let argument = arguments[index]
                switch argument {
                case "--format":
                    index += 1
                    guard index < arguments.count, ["text", "json"].contains(arguments[index]) else {
                        throw UsageError(message: "--format takes text or json")
                    }
                    options.format = arguments[index]
                case "--stats":
                    options.showStatistics = true
                default:
                    if argument.hasPrefix("-") { throw UsageError(message: "unknown option '\(argument)'") }
                    options.files.append(argument)
                }
                index += 1
            }
            guard !options.files.isEmpty else { throw UsageError(message: "grace merge needs the JSON files of the shards") }
            return options
        }
    }

    static let help = """
        usage: grace merge [--format text|json] [--stats] SHARD.json ...

        Joins the results of 'grace check --shard i/n --format json', one file per
        shard i of n, into the verdict and the counterexample one search on one
        machine gives, printed as 'grace check' prints them. Reads each model again
        (from its path in the files) to show the counterexample, and refuses shards
        of different models, model texts, options or shard counts, a missing or
        duplicate shard, and malformed JSON.

        options:
          --format text|json         output format (default text)
          --stats                    print the joined statistics: states and transitions
                                     summed over the shards, which may overlap

        exit codes: as 'grace check'; 65 when the shard files do not fit together
        """

    let options: Options

    func run(output: some OutputStreams) -> ExitCode {
        let searches: [ShardSearch]
        do {
            searches = try ShardSearch.read(options.files)
        } catch {
            output.error(error.messages.joined(separator: "\n"))
            return .invalidModel
        }
        var reports: [ModelReport] = []
        for search in searches {
            switch search.merged() {
            case .success(let report): reports.append(report)
            case .failure(let error):
                output.error(error.messages.joined(separator: "\n"))
                return .invalidModel
            }
        }
        var checkOptions = CheckCommand.Options()
        checkOptions.format = options.format
        checkOptions.showStatistics = options.showStatistics
        let printer = CheckCommand(options: checkOptions)
        if options.format == "json" {
            output.write(JSONReport.document(version: GraceCommand.version, reports: reports))
        } else {
            for report in reports {
                printer.printText(report, output: output)
                if let shards = report.mergedShards { output.write(Self.shardLine(shards) + "\n") }
            }
            if reports.count > 1 { output.write(TextReport.summary(reports) + "\n") }
        }
        return printer.exitCode(for: reports)
    }

    /// What the shards explored: their states may overlap, so the sum is
    /// what the split cost, beside a single search's count.
    static func shardLine(_ shards: MergedShards) -> String {
        guard let depth = shards.splitDepth else {
            if shards.count == 1 { return "       merged from 1 shard, which searched everything (\(shards.states.first ?? 0) states)" }
            return "       merged from \(shards.count) shards, each of which searched everything (\(shards.states.first ?? 0) states): the search ended above the split"
        }
        let total = shards.states.reduce(0, +)
        let level = shards.levelWidth == 1 ? "1 state" : "\(shards.levelWidth) states"
        return "       merged from \(shards.count) shards split at depth \(depth) (\(level)): "
            + "\(shards.states.map(String.init).joined(separator: " + ")) = \(total) states explored, overlap counted in each"
    }
}
