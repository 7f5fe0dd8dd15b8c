import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// The search decides no verdict: it reports violating steps, stuck states
/// and final states to the properties, and they decide.
@Suite struct PropertyTests {
    typealias System = KernelSystem<SequentialConsistency>

    static func run(_ source: String, _ properties: (System) -> [any Property<System>]) throws -> CheckResult {
        guard case .program(let program) = compileSource(source) else { throw LoadFailure.invalid(diagnostics(of: source)) }
        let system = System(program: program)
        return BreadthFirstChecker(system: system, properties: properties(system), options: CheckOptions()).run()
    }

    static let failingAssert = "C a\n{ int x = 0; }\nP0(int *x) { WRITE_ONCE(*x, 1); assert(READ_ONCE(*x) == 0); }\n"
    static let abba = """
        C abba
        { spinlock_t a; spinlock_t b; }
        P0(spinlock_t *a, spinlock_t *b) { spin_lock(a); spin_lock(b); spin_unlock(b); spin_unlock(a); }
        P1(spinlock_t *a, spinlock_t *b) { spin_lock(b); spin_lock(a); spin_unlock(a); spin_unlock(b); }
        """

    @Test func aViolatingStepIsACounterexampleOnlyForStepInvariants() throws {
        let all = try Self.run(Self.failingAssert) { $0.properties }
        #expect(all.verdict == .violation(.assertion))
        #expect(all.trace?.steps.count == 2)
        let deadlockOnly = try Self.run(Self.failingAssert) { _ in [DeadlockFreedom()] }
        #expect(deadlockOnly.verdict == .pass)
    }

    @Test func aStuckStateIsACounterexampleOnlyForDeadlockFreedom() throws {
        let all = try Self.run(Self.abba) { $0.properties }
        #expect(all.verdict == .violation(.deadlock))
        #expect(all.violation?.message.contains("spins at line") == true)
        let invariantsOnly = try Self.run(Self.abba) { _ in [StepInvariants()] }
        #expect(invariantsOnly.verdict == .pass)
        #expect(invariantsOnly.trace == nil)
    }

    /// A property of one's own sees every final state of a complete search
    /// (three for SB, whose final condition keeps the registers apart),
    /// and its verdict is the check's.
    @Test func finalStatesReachTheProperties() throws {
        struct CountsFinalStates: Property {
            var seen = 0
            func counterexample(in observation: Observation<MachineState>, of system: System) -> Violation? { nil }
            mutating func observeFinal(_ state: MachineState, of system: System) { seen += 1 }
            var verdict: Verdict? { seen == 3 ? .always : .never }
        }
        let storeBuffering = """
            C SB
            { }
            P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }
            P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); r0 = READ_ONCE(*x); }
            exists (0:r0=0 /\\ 1:r0=0)
            """
        let result = try Self.run(storeBuffering) { _ in [CountsFinalStates()] }
        #expect(result.statistics.finalStates == 3)
        #expect(result.verdict == .always)
    }

    @Test func theFinalConditionTalliesFinalStates() throws {
        let result = try Self.run("""
            C SB
            { }
            P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }
            P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); r0 = READ_ONCE(*x); }
            exists (0:r0=1 /\\ 1:r0=1)
            """) { $0.properties }
        #expect(result.verdict == .sometimes)
        #expect(result.satisfyingFinalStates == 1 && result.consideredFinalStates == 3)
    }
}
