import GraceExplorer
import GraceFrontend

/// One line of a check: a model under one memory model, or a model that
/// could not be checked at all.
public struct ModelReport: Sendable {
    public enum Status: Sendable {
        /// The verdict matches the model's expectation.
        case asExpected
        /// No expectation, and no violation.
        case unexpectedlyFine
        /// The verdict differs from the expectation, or a violation without one.
        case failed
        case inconclusive
        /// The model does not parse or type-check.
        case invalid
        /// The memory model is not available.
        case skipped(String)
    }

    public var path: String
    public var name: String
    public var memoryModel: MemoryModelKind?
    public var result: CheckResult?
    public var expected: Directives.Expectation?
    /// Rendered diagnostics, for an invalid model.
    public var diagnostics: [String]
    /// The same diagnostics as data, for reports that locate them.
    public var problems: [Diagnostic] = []
    public var skipReason: String?
    /// What the model shows, from its leading comment.
    public var summary = ""
    /// The model's Config knobs, which its counterexample names.
    public var config: ModelConfig?
    /// For a result joined by `grace merge`: how its shards divided the search.
    public var mergedShards: MergedShards?

    public init(path: String, name: String, memoryModel: MemoryModelKind?, result: CheckResult?,
                expected: Directives.Expectation?, diagnostics: [String] = [], skipReason: String? = nil) {
        self.path = path
        self.name = name
        self.memoryModel = memoryModel
        self.result = result
        self.expected = expected
        self.diagnostics = diagnostics
        self.skipReason = skipReason
    }

    /// The folder the model lives in, which names its protocol family
    /// (`Models/powerpc/x.grace` is in `powerpc`).
    public var family: String {
        let parts = path.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : "."
    }

    /// The model's file name without its folder or extension, which names
    /// the files written for it.
    public var stem: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    public var status: Status {
        if !diagnostics.isEmpty { return .invalid }
        if let skipReason { return .skipped(skipReason) }
        guard let result else { return .invalid }
        guard let verdict = result.verdict else { return .inconclusive }
        if expected != nil { return asExpected == true ? .asExpected : .failed }
        if case .violation = verdict { return .failed }
        return .unexpectedlyFine
    }

    /// Whether the verdict agrees with the expectation: nil without one.
    public var asExpected: Bool? {
        guard let expected, let result, let verdict = result.verdict else { return nil }
        return expected.verdict == verdict && expected.dataRace == result.hasDataRace
    }
}
