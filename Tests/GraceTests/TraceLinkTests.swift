import Foundation
import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// The relations a trace records between its steps, each checked against
/// what the steps themselves say happened.
@Suite struct TraceLinkTests {
    @Test func ipiSentAndTaken() throws {
        let trace = try #require(check(try loadProgram(fixture("kernel/mmu-gather-fallback-rcu-walker-uaf.grace"))).trace)
        let ipis = trace.links.filter { $0.kind == .ipi }
        #expect(!ipis.isEmpty)
        for link in ipis {
            let sender = trace.steps[link.from - 1]
            let taker = trace.steps[link.to - 1]
            #expect(sender.events.contains { $0.text.hasPrefix("IPI ") && $0.text.contains("sent to every other CPU") })
            #expect(taker.context == .hardirq)
            #expect(taker.cpu != sender.cpu)
            #expect(taker.events.contains { $0.text.hasPrefix("CPU\(taker.cpu) takes the IPI") })
        }
    }

    @Test func callbackQueuedAndRun() throws {
        let trace = try #require(check(try loadProgram(packageRoot.appendingPathComponent("Models/s390/context-lock-softirq-deadlock.grace").path)).trace)
        let callbacks = trace.links.filter { $0.kind == .callback }
        #expect(callbacks.count == 1)
        let link = try #require(callbacks.first)
        #expect(trace.steps[link.from - 1].events.contains { $0.text.hasPrefix("call_rcu(&page0.contents[0], tlb_remove_table_rcu)") })
        let runner = trace.steps[link.to - 1]
        #expect(runner.context == .softirq)
        #expect(runner.events.contains { $0.text.contains("runs RCU callback tlb_remove_table_rcu(&page0.contents[0])") })
    }

    /// The reader is still inside rcu_read_lock when call_rcu runs (it
    /// spins there until P1 says go), so the grace period ends only at its
    /// rcu_read_unlock; the callback then sees the write made in between.
    @Test func gracePeriodFromCallRCUToTheReaderLeaving() throws {
        let result = try check(source: """
            C gp-waits-for-reader
            { struct page pg; int x = 0; int y = 0; int go = 0; }
            void cb(struct rcu_head *head) { assert(READ_ONCE(y) == 0); }
            P0(int *x, int *y, int *go)
            {
            \trcu_read_lock();
            \tWRITE_ONCE(*x, 1);
            \twhile (!READ_ONCE(*go)) cpu_relax();
            \tWRITE_ONCE(*y, 1);
            \trcu_read_unlock();
            }
            P1(struct page *pg, int *x, int *go)
            {
            \twhile (!READ_ONCE(*x)) cpu_relax();
            \tcall_rcu(&pg->rcu_head, cb);
            \tWRITE_ONCE(*go, 1);
            }
            """)
        let trace = try #require(result.trace)
        #expect(trace.violation.kind == .assertion)
        let period = try #require(trace.links.first { $0.kind == .gracePeriod })
        #expect(trace.steps[period.from - 1].events.contains { $0.text.hasPrefix("call_rcu(&pg.rcu_head, cb)") })
        #expect(trace.steps[period.to - 1].events.contains { $0.text == "rcu_read_unlock" })
        let callback = try #require(trace.links.first { $0.kind == .callback })
        #expect(callback.from == period.from)
        #expect(callback.to > period.to)
        #expect(trace.links == trace.links.sorted { ($0.to, $0.from) < ($1.to, $1.from) })
    }

    /// The trace of a schedule given as the CPU that takes each step.
    static func trace(_ source: String, schedule cpus: [Int]) throws -> Trace {
        guard case .program(let program) = compileSource(source) else { throw LoadFailure.invalid(["the model does not compile"]) }
        let system = KernelSystem<SequentialConsistency>(program: program)
        var state = system.initialState().0
        var ordinals: [Int] = []
        for cpu in cpus {
            var successors: [Successor] = []
            system.successors(of: state, into: &successors, recording: .nothing)
            let ordinal = try #require(successors.firstIndex { $0.action == .step(cpu: cpu, choices: []) })
            ordinals.append(ordinal)
            state = successors[ordinal].state
        }
        return system.trace(following: ordinals, to: Violation(.assertion, "end of the schedule"))
    }

    /// synchronize_rcu and synchronize_srcu called while P0 reads: the
    /// grace period runs from the call to the reader's unlock, not to the
    /// step where the caller returns.
    @Test(arguments: [
        ("rcu_read_lock();", "rcu_read_unlock();", "synchronize_rcu();", "rcu_read_unlock"),
        ("int idx = srcu_read_lock(s);", "srcu_read_unlock(s, idx);", "synchronize_srcu(s);", "srcu_read_unlock(&s, 0)"),
    ])
    func gracePeriodFromSynchronizeToTheReaderLeaving(_ lock: String, _ unlock: String, _ synchronize: String, _ unlockLine: String) throws {
        let source = """
            C gp-synchronize
            { int x = 0; int go = 0; }
            P0(int *x, int *go, struct srcu_struct *s)
            {
            \t\(lock)
            \tWRITE_ONCE(*x, 1);
            \twhile (!READ_ONCE(*go))
            \t\tcpu_relax();
            \t\(unlock)
            }
            P1(int *x, struct srcu_struct *s)
            {
            \twhile (!READ_ONCE(*x))
            \t\tcpu_relax();
            \t\(synchronize)
            }
            P2(int *go)
            {
            \tWRITE_ONCE(*go, 1);
            }
            """
        // P0 enters its reader; P1 sees it there and waits; P2 lets P0
        // leave; P1 returns.
        let trace = try Self.trace(source, schedule: [0, 0, 1, 1, 2, 0, 0, 1])
        #expect(trace.steps[3].events.contains { $0.text.contains("waits for the readers") })
        #expect(trace.steps[6].events.contains { $0.text == unlockLine })
        #expect(trace.links.filter { $0.kind == .gracePeriod } == [Trace.Link(.gracePeriod, from: 4, to: 7)])
        #expect(trace.links.allSatisfy { $0.kind == .gracePeriod })
    }

    /// With the reader gone before the call, the grace period is over in
    /// the step that started it: there is nothing to link.
    @Test func noLinkForAGracePeriodNoReaderHeldUp() throws {
        let trace = try Self.trace("""
            C gp-empty
            { int x = 0; }
            P0(int *x, struct srcu_struct *s)
            {
            \tint idx = srcu_read_lock(s);
            \tWRITE_ONCE(*x, 1);
            \tsrcu_read_unlock(s, idx);
            }
            P1(int *x, struct srcu_struct *s)
            {
            \twhile (!READ_ONCE(*x))
            \t\tcpu_relax();
            \tsynchronize_srcu(s);
            }
            """, schedule: [0, 0, 0, 1, 1])
        #expect(trace.steps[4].events.contains { $0.text.hasSuffix("the grace period ends at once") })
        #expect(trace.links.isEmpty)
    }

    @Test func linksAreDeterministic() throws {
        let program = try loadProgram(fixture("kernel/mmu-gather-fallback-rcu-walker-uaf.grace"))
        #expect(check(program).trace?.links == check(program).trace?.links)
    }
}
