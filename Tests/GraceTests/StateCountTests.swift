import Foundation
import GraceExplorer
import GraceFrontend
import Testing

/// State counts pinned to numbers derived by hand from the step semantics:
/// a step is one visible operation, a state is a point every CPU can observe.
@Suite struct StateCountTests {
    /// One thread, two writes: before, between, after.
    @Test func singleThreadWrites() throws {
        let result = try check(source: "C w\n{ int x = 0; }\nP0(int *x) { WRITE_ONCE(*x, 1); WRITE_ONCE(*x, 2); }\n")
        #expect(result.statistics.states == 3)
        #expect(result.statistics.transitions == 2)
        #expect(result.verdict == .pass)
    }

    /// Two independent writes: the four corners of a 2x2 grid.
    @Test func independentWrites() throws {
        let result = try check(source: "C w\n{ int x = 0; int y = 0; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\nP1(int *y) { WRITE_ONCE(*y, 1); }\n")
        #expect(result.statistics.states == 4)
        #expect(result.statistics.transitions == 4)
    }

    /// SB: 9 program-counter pairs; where a thread has read, its r0 depends
    /// on whether the other wrote first: (2,1) and (1,2) split in two, and
    /// (2,2) has the three SC outcomes. 4 + 1 + 2 + 1 + 2 + 3 = 13.
    @Test func storeBuffering() throws {
        let result = try check(source: """
            C SB
            { }
            P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }
            P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); r0 = READ_ONCE(*x); }
            exists (0:r0=0 /\\ 1:r0=0)
            """)
        #expect(result.statistics.states == 13)
        #expect(result.consideredFinalStates == 3)
        #expect(result.verdict == .never)
    }

    /// A spin-wait re-reading 0 returns to the same state: that step is
    /// dropped, so the waiter is blocked, not looping. Start, after the
    /// flag is set, after the waiter sees it: 3 states, and no deadlock.
    @Test func spinWaitIsBlockedNotLooping() throws {
        let result = try check(source: """
            C spin
            { int f = 0; }
            P0(int *f) { WRITE_ONCE(*f, 1); }
            P1(int *f) { while (!READ_ONCE(*f)) cpu_relax(); }
            """)
        #expect(result.statistics.states == 3)
        #expect(result.verdict == .pass)
    }

    /// The same waiter with nobody to set the flag is a deadlock, found in
    /// the initial state (a trace of no steps).
    @Test func spinWaitWithoutWriterDeadlocks() throws {
        let result = try check(source: "C spin\n{ int f = 0; }\nP0(int *f) { while (!READ_ONCE(*f)) cpu_relax(); }\n")
        #expect(result.verdict == .violation(.deadlock))
        #expect(result.trace?.steps.count == 0)
        #expect(result.violation?.message.contains("CPU0 task in P0") == true)
    }

    /// The pool hands out only one of several never-used pages (they are
    /// interchangeable); a freed page can come back. P0 allocates, frees,
    /// allocates again: the second allocation may take the fresh page or
    /// the freed one, and a pointer from the first lifetime is stale.
    @Test func allocatorReusesFreedPages() throws {
        let result = try check(source: """
            C realloc
            (* Config: pool=2 *)
            { int x = 0; }
            P0(int *x)
            {
            \tstruct page *a = alloc_page(GFP_KERNEL);
            \tunsigned long *old = page_address(a);
            \t__free_page(a);
            \tstruct page *b = alloc_page(GFP_KERNEL);
            \tif (b == a)
            \t\tWRITE_ONCE(*x, 1);
            \tWRITE_ONCE(old[0], 1);
            }
            """)
        #expect(result.verdict == .violation(.useAfterFree))
        #expect(result.violation?.message == "write of page0.contents[0] after page0 was freed (it has since been allocated again)")
    }
}
