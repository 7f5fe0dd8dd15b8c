import GraceFrontend
import GraceSemantics

/// The complete executions of a litmus program, as herd7 counts them: those
/// that pass the filter, by whether they satisfy the final condition
/// (Positive and Negative), and the flags the memory model raised on any.
/// Executions that cannot complete (an await never satisfied, a lock never
/// released) are not outcomes: when none completes, the verdict is herd7's
/// DEADLOCK.
public struct ExecutionOutcomes: Property {
    public typealias System = ExecutionGraphSystem

    let condition: CompiledCondition?
    let filter: CompiledProposition?
    private var executions = 0
    private var counts = FinalStateTally(countsExecutions: true)
    private var raised: Set<String> = []

    public init(_ condition: CompiledCondition?, filter: CompiledProposition?) {
        self.condition = condition
        self.filter = filter
    }

    public func counterexample(in observation: Observation<SearchState>, of system: System) -> Violation? { nil }

    public mutating func observeFinal(_ state: SearchState, of system: System) {
        executions += 1
        raised.formUnion(state.flags)
        guard let condition, filter.map({ system.evaluate($0, in: state) }) ?? true else { return }
        counts.considered += 1
        if system.evaluate(condition.proposition, in: state) { counts.satisfying += 1 }
    }

    public var verdict: Verdict? {
        guard condition != nil else { return executions == 0 ? .deadlock : nil }
        if counts.considered == 0 { return .deadlock }
        return counts.satisfying == 0 ? .never : counts.satisfying == counts.considered ? .always : .sometimes
    }

    public var tally: FinalStateTally? { counts }

    public var flags: [String] { raised.sorted() }
}

extension ExecutionGraphSystem {
    /// A violation a thread ran into in a consistent execution, and the
    /// outcomes of the executions.
    public var properties: [any Property<Self>] {
        [StepInvariants(), ExecutionOutcomes(program.condition, filter: program.filter)]
    }
}

/// The graph explorer: execution graphs searched depth first.
public typealias GraphExplorer = DepthFirstChecker<ExecutionGraphSystem>
