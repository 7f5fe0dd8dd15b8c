import Dispatch
import GraceFrontend
import GraceSemantics

extension GraphExploration {
    /// The exploration as a check's result: a verdict or the reason there is
    /// none, with executions counted where the state explorer counts states.
    func checkResult(memoryModel: MemoryModelKind, seconds: Double, context: RunnerContext) -> CheckResult {
        var statistics = CheckStatistics()
        statistics.states = graphsExplored
        statistics.finalStates = executions
        statistics.seconds = seconds
        statistics.peakMemoryBytes = ProcessMemory.peakResidentBytes()
        let outcome: CheckResult.Outcome
        if let verdict {
            outcome = .verdict(verdict)
        } else {
            outcome = .inconclusive(reason: inconclusive ?? "the exploration did not finish")
        }
        let trace = violation.flatMap { violation in witness.map { GraphTrace.make($0, violation: violation, context: context) } }
        return CheckResult(outcome: outcome, memoryModel: memoryModel, violation: violation, trace: trace, statistics: statistics,
                           satisfyingFinalStates: positive, consideredFinalStates: positive + negative, flags: flags, countsExecutions: true)
    }
}

extension GraphExplorer {
    /// Explores and reports as a check does; nil with the reason when the
    /// program uses primitives the explorer does not model.
    /// The peak memory reported is the process's so far: resetting the
    /// kernel's count costs more than exploring a typical litmus test.
    public mutating func check() -> Result<CheckResult, UnsupportedProgram> {
        let start = DispatchTime.now().uptimeNanoseconds
        let exploration = run()
        if let reason = exploration.unsupported { return .failure(UnsupportedProgram(reason: reason)) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return .success(exploration.checkResult(memoryModel: checker.kind, seconds: seconds, context: context))
    }
}
