import GraceFrontend
import GraceSemantics

/// A herd7 final condition (`exists`, `~exists`, `forall`, with `filter`)
/// over the final states of a model's complete runs: never, sometimes or
/// always satisfied.
public struct FinalCondition<Memory: MemoryModel>: Property {
    public typealias System = KernelSystem<Memory>

    let condition: CompiledCondition
    let filter: CompiledProposition?
    private var counts = FinalStateTally()

    public init(_ condition: CompiledCondition, filter: CompiledProposition?) {
        self.condition = condition
        self.filter = filter
    }

    public func counterexample(in observation: Observation<MachineState>, of system: System) -> Violation? { nil }

    public mutating func observeFinal(_ state: MachineState, of system: System) {
        guard filter.map({ system.evaluate($0, in: state) }) ?? true else { return }
        counts.considered += 1
        if system.evaluate(condition.proposition, in: state) { counts.satisfying += 1 }
    }

    public var verdict: Verdict? { counts.conditionVerdict }

    public var tally: FinalStateTally? { counts }
}
