import GraceExplorer
import GraceSemantics

/// The execution contexts a trace ran in, one lane per (CPU, context) that
/// has a step, ordered by CPU and then by nesting (task, softirq, hardirq).
/// Charts draw one lane each; SARIF gives each its own thread flow.
public struct TraceLanes: Sendable {
    public struct Lane: Sendable, Hashable {
        public var cpu: Int
        public var context: ContextKind

        /// As the text trace names the context: `CPU1 softirq`.
        public var name: String { "CPU\(cpu) \(context.name)" }
    }

    public let lanes: [Lane]

    public init(_ trace: Trace) {
        var seen: [Lane] = []
        for step in trace.steps where !seen.contains(Lane(cpu: step.cpu, context: step.context)) {
            seen.append(Lane(cpu: step.cpu, context: step.context))
        }
        lanes = seen.sorted { ($0.cpu, $0.context.rawValue) < ($1.cpu, $1.context.rawValue) }
    }

    /// The lane a step ran in.
    public func index(of step: Trace.Step) -> Int {
        lanes.firstIndex(of: Lane(cpu: step.cpu, context: step.context)) ?? 0
    }
}
