import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// Search strategies sit behind one protocol, and one place picks the
/// transition system and the strategy for a memory model.
@Suite struct CheckerTests {
    /// Runs any checker on a system with its properties.
    static func run<C: Checker>(_ checker: C.Type, on system: C.System, properties: [any Property<C.System>]) -> CheckResult {
        C(system: system, properties: properties, options: CheckOptions()).run()
    }

    @Test func aCheckerRunsBehindTheProtocol() throws {
        let program = try loadProgram(packageRoot.appendingPathComponent("Models/powerpc/pte-free-defer-v1-rcu-head-reuse.grace").path)
        let system = KernelSystem<SequentialConsistency>(program: program)
        let generic = Self.run(BreadthFirstChecker<KernelSystem<SequentialConsistency>>.self, on: system, properties: system.properties)
        let direct = try #require(ModelChecker.check(program, under: .sc, options: CheckOptions()))
        #expect(generic.verdict == .violation(.rcuHeadReuse))
        #expect(generic.verdict == direct.verdict)
        #expect(generic.statistics.states == direct.statistics.states)
        #expect(generic.trace?.steps.count == direct.trace?.steps.count)
        #expect(generic.memoryModel == .sc)
    }

    @Test func onlySupportedMemoryModelsAreChecked() throws {
        let program = try loadProgram(packageRoot.appendingPathComponent("Models/powerpc/pte-free-defer-v3.grace").path)
        #expect(ModelChecker.supports(.sc))
        for kind in MemoryModelKind.allCases where !ModelChecker.supports(kind) {
            #expect(ModelChecker.check(program, under: kind, options: CheckOptions()) == nil)
        }
    }
}
