/// Process exit codes (SPEC §3), in the sysexits tradition for usage and data errors.
public struct ExitCode: Error, Sendable, Equatable {
    public var rawValue: Int32

    public static let success = ExitCode(rawValue: 0)
    public static let failure = ExitCode(rawValue: 1)
    public static let inconclusive = ExitCode(rawValue: 2)
    public static let usage = ExitCode(rawValue: 64)
    public static let invalidModel = ExitCode(rawValue: 65)
    public static let internalError = ExitCode(rawValue: 70)
    /// Ended by Ctrl-C (128 + SIGINT, as shells report it).
    public static let interrupted = ExitCode(rawValue: 130)
}

/// A command-line mistake: printed with the usage hint, exit 64.
struct UsageError: Error {
    var message: String
}
