import Foundation
import GraceFrontend
import GraceExplorer

/// The `grace` command: parses arguments, runs a subcommand, exits. Library
/// code never exits; this is the one place that does.
public enum GraceCommand {
    public static let version = "0.1.0"

    static let usage = """
        usage: grace check [PATH ...] [options]   check model files or folders (default: ./Models)
               grace merge SHARD.json ...          join the results of 'grace check --shard i/n' runs
               grace version
               grace help [COMMAND | primitives [--markdown]]
        """

    public static func main() {
        let interrupts = InterruptHandler.install()
        let code = run(Array(CommandLine.arguments.dropFirst()), output: StandardStreams(), interruption: interrupts.flag)
        withExtendedLifetime(interrupts) { exit(code.rawValue) }
    }

    /// Runs a command line; returns the exit code. Output goes to `output`;
    /// a raised `interruption` ends the running check early.
    public static func run(_ arguments: [String], output: some OutputStreams, interruption: CancellationFlag? = nil) -> ExitCode {
        do {
            guard let command = arguments.first else {
                output.error(usage)
                return .usage
            }
            switch command {
            case "check":
                let checkArguments = Array(arguments.dropFirst())
                if checkArguments.contains(where: { $0 == "--help" || $0 == "-h" }) {
                    output.write(CheckCommand.help + "\n")
                    return .success
                }
                let options = try CheckCommand.Options.parse(checkArguments)
                return CheckCommand(options: options, interruption: interruption).run(output: output)
            case "merge":
                let mergeArguments = Array(arguments.dropFirst())
                if mergeArguments.contains(where: { $0 == "--help" || $0 == "-h" }) {
                    output.write(MergeCommand.help + "\n")
                    return .success
                }
                return MergeCommand(options: try MergeCommand.Options.parse(mergeArguments)).run(output: output)
            case "version", "--version":
                output.write("grace \(version)\n")
                return .success
            case "help", "--help", "-h":
                let text = try help(Array(arguments.dropFirst()))
                output.write(text.hasSuffix("\n") ? text : text + "\n")
                return .success
            default:
                throw UsageError(message: "unknown command '\(command)'")
            }
        } catch let error as UsageError {
            output.error("grace: error: \(error.message)\n\(usage)")
            return .usage
        } catch {
            output.error("grace: internal error: \(error)")
            return .internalError
        }
    }

    static func help(_ arguments: [String]) throws -> String {
        if arguments.first == "primitives" {
            switch Array(arguments.dropFirst()) {
            case []: return PrimitiveCatalogue.listing()
            case ["--markdown"], ["--format", "markdown"]: return PrimitiveCatalogue.reference()
            default: throw UsageError(message: "help primitives takes --markdown (or --format markdown)")
            }
        }
        switch arguments.first {
        case "check"?: return CheckCommand.help
        case "merge"?: return MergeCommand.help
        case "version"?: return "usage: grace version\n\nPrints the version of grace."
        case "help"?: return "usage: grace help [COMMAND | primitives [--markdown]]\n\nPrints the help of a command, or the list of commands; 'primitives' lists every primitive a model can call, and with --markdown prints their reference."
        case nil: return "Grace: a deterministic model checker for Linux page-table freeing protocols.\n\n" + usage
        case let unknown?: throw UsageError(message: "no help for '\(unknown)'; topics are check, merge, version, help and primitives")
        }
    }
}

/// Where commands write; tests capture it.
public protocol OutputStreams {
    func write(_ text: String)
    func error(_ text: String)
}

/// stdout and stderr.
public struct StandardStreams: OutputStreams {
    public init() {}

    public func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
