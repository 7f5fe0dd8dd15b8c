import GraceFrontend
import GraceSemantics

/// Where a check is put together: the transition system for a program
/// under a memory model, the program's properties, and the checker of the
/// search strategy. A new memory model or search strategy is one case
/// here; the command line only names what it wants.
public enum ModelChecker {
    /// Whether Grace can check models under `memoryModel` yet.
    public static func supports(_ memoryModel: MemoryModelKind) -> Bool {
        memoryModel == .sc
    }

    /// Checks `program` under `memoryModel`; nil when that model is not
    /// supported yet.
    public static func check(_ program: Program, under memoryModel: MemoryModelKind, options: CheckOptions) -> CheckResult? {
        switch memoryModel {
        case .sc: return check(KernelSystem<SequentialConsistency>(program: program), options: options)
        case .tso, .lkmm: return nil
        }
    }

    private static func check<Memory: MemoryModel>(_ system: KernelSystem<Memory>, options: CheckOptions) -> CheckResult {
        BreadthFirstChecker(system: system, properties: system.properties, options: options).run()
    }
}
