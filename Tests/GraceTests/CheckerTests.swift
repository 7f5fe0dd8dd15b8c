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
        let direct = try ModelChecker.check(program, under: .sc, options: CheckOptions()).get()
        #expect(generic.verdict == .violation(.rcuHeadReuse))
        #expect(generic.verdict == direct.verdict)
        #expect(generic.statistics.states == direct.statistics.states)
        #expect(generic.trace?.steps.count == direct.trace?.steps.count)
        #expect(generic.memoryModel == .sc)
    }

    /// tso runs on the state explorer with store buffers, protocols and
    /// all; lkmm on the graph explorer, a second Checker, which runs the
    /// kernel primitives it lowers to events and says which primitive of a
    /// protocol model it does not model yet rather than judge it.
    @Test func weakMemoryModelsRunOnTheirExplorers() throws {
        let program = try loadProgram(packageRoot.appendingPathComponent("Models/powerpc/pte-free-defer-v3.grace").path)
        let tso = try ModelChecker.check(program, under: .tso, options: CheckOptions()).get()
        let sc = try ModelChecker.check(program, under: .sc, options: CheckOptions()).get()
        #expect(tso.verdict == .pass && tso.memoryModel == .tso && !tso.countsExecutions)
        #expect(tso.statistics.states > sc.statistics.states)
        let weak = try ModelChecker.check(program, under: .lkmm, options: CheckOptions()).get()
        #expect(weak.verdict == .pass && weak.memoryModel == .lkmm && weak.countsExecutions)
        let walker = try loadProgram(packageRoot.appendingPathComponent("Models/gup-fast/gup-fast-x86-ipi.grace").path)
        guard case .failure(let unsupported) = ModelChecker.check(walker, under: .lkmm, options: CheckOptions()) else {
            Issue.record("a protocol model with page_folio was judged under lkmm")
            return
        }
        #expect(unsupported.reason == "page_folio (line 91) is not supported under lkmm yet")
        let litmus = try loadProgram(packageRoot.appendingPathComponent("Models/litmus/jason-setbit-dec-relaxed.litmus").path)
        let relaxed = try ModelChecker.check(litmus, under: .lkmm, options: CheckOptions()).get()
        #expect(relaxed.verdict == .sometimes && relaxed.memoryModel == .lkmm && relaxed.countsExecutions)
        // The graph explorer is a checker like the breadth-first one: any
        // Checker runs on its system with its properties.
        let system = ExecutionGraphSystem(program: litmus, checker: LKMMConsistency())
        let generic = Self.run(GraphExplorer.self, on: system, properties: system.properties)
        #expect(generic.verdict == relaxed.verdict && generic.satisfyingFinalStates == relaxed.satisfyingFinalStates)
        #expect(generic.consideredFinalStates == relaxed.consideredFinalStates && generic.statistics.states == relaxed.statistics.states)
    }
}
