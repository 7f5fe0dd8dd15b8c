import GraceFrontend
import GraceSemantics

/// Where a check is put together: the transition system for a program
/// under a memory model, the program's properties, and the checker of the
/// search strategy. A new memory model or search strategy is one case
/// here; the command line only names what it wants.
public enum ModelChecker {
    /// Checks `program` under `memoryModel`: sc and tso (store buffers in
    /// the state) on the state explorer, lkmm on the graph explorer, which
    /// fails for a program that uses kernel primitives it does not model
    /// yet.
    public static func check(_ program: Program, under memoryModel: MemoryModelKind, options: CheckOptions) -> Result<CheckResult, UnsupportedProgram> {
        switch memoryModel {
        case .sc:
            return .success(check(KernelSystem<SequentialConsistency>(program: program), options: options))
        case .tso:
            return .success(check(KernelSystem<TotalStoreOrder>(program: program), options: options))
        case .lkmm:
            let deadline = SearchDeadline(options)
            let checker = ConsistencyCheckers.checker(for: memoryModel, config: program.config, lifetimeBase: program.memoryCells)
            let system = ExecutionGraphSystem(program: program, checker: checker, deadline: deadline)
            if let reason = system.unsupported { return .failure(UnsupportedProgram(reason: reason)) }
            return .success(GraphExplorer(system: system, properties: system.properties, options: options, deadline: deadline).run())
        }
    }

    private static func check<Memory: MemoryModel>(_ system: KernelSystem<Memory>, options: CheckOptions) -> CheckResult {
        let unreduced = BreadthFirstChecker(system: system, properties: system.properties, options: options)
        guard options.reduction, options.shard == nil,
              let symmetry = ThreadSymmetry(program: system.program, layout: system.layout, initial: system.initialState().0) else {
            return unreduced.run()
        }
        var reduced = unreduced
        reduced.symmetry = symmetry
        let result = reduced.run()
        switch result.outcome {
        case .verdict(.violation):
            // The classes' search found the shortest length; the search
            // without reduction finds the same length and the concrete
            // trace, with the fewest switches, that users know.
            return unreduced.run()
        case .inconclusive where options.cancellation?.isRaised != true:
            return unreduced.run()
        default:
            return result
        }
    }
}
