import GraceFrontend
import GraceSemantics

/// What exploring a program's execution graphs under one memory model found.
public struct GraphExploration: Sendable {
    /// The verdict; nil when the exploration was cut short or not run.
    public var verdict: Verdict?
    /// Why there is no verdict: a budget ran out, or the program uses
    /// primitives the graph explorer does not model.
    public var inconclusive: String?
    public var unsupported: String?
    /// Complete consistent executions that pass the filter, by whether they
    /// satisfy the final condition (herd7's Positive and Negative).
    public var positive = 0
    public var negative = 0
    /// Complete consistent executions, filtered or not.
    public var executions = 0
    /// Flags raised by some consistent execution (herd7's `Flag`), sorted.
    public var flags: [String] = []
    /// Partial graphs visited.
    public var graphsExplored = 0
    public var violation: Violation?
    /// The execution behind the verdict: the violating one, else the first
    /// that satisfies the final condition, else the first one found.
    public var witness: ExecutionGraph?

    public var hasDataRace: Bool { flags.contains("data-race") }
}
