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

    @Test func linksAreDeterministic() throws {
        let program = try loadProgram(fixture("kernel/mmu-gather-fallback-rcu-walker-uaf.grace"))
        #expect(check(program).trace?.links == check(program).trace?.links)
    }
}
