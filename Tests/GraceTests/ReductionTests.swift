import Foundation
@testable import GraceExplorer
import GraceFrontend
import GraceReports
import GraceSemantics
import Testing

/// Symmetry reduction over interchangeable threads: the same verdicts as
/// the search of every state, fewer states where threads are alike, and
/// the same counterexample, found again without reduction.
@Suite struct ReductionTests {
    /// Two identical RCU walkers and a writer. By hand: the writer before
    /// its write leaves each walker 4 places (before the lock, before the
    /// read, before the unlock having read 0, finished), after it 5 (the
    /// walker may also have read 1): 4^2 + 5^2 = 41 states; with the two
    /// walkers' order forgotten, 4*5/2 + 5*6/2 = 25.
    static let walkers = """
        C walkers
        { int x = 0; }
        P0(int *x) { WRITE_ONCE(*x, 1); }
        P1(int *x) { int r; rcu_read_lock(); r = READ_ONCE(*x); rcu_read_unlock(); }
        P2(int *x) { int r; rcu_read_lock(); r = READ_ONCE(*x); rcu_read_unlock(); }
        """

    /// powerpc pte_free_defer() v3 with one retract and one munmap thread
    /// and two walkers (Benchmarks/generate-pte-free-defer.sh 1 1 2): the
    /// callback's grace-period mask names walker CPUs, which the swap
    /// renames. With `free` immediate the walkers can use the freed table.
    static func pteFreeDefer(free: String = "call_rcu(&page->rcu_head, pte_free_now);") -> String {
        """
        C pte-free-defer
        {
          struct page pt = { .pt_frag_refcount = 2 };
          pmd_t pmd[2] = { pt, pt };
        }
        void pte_free_now(struct rcu_head *head)
        {
        \tstruct page *page = container_of(head, struct page, rcu_head);
        \tpgtable_pte_page_dtor(page);
        \t__free_page(page);
        }
        void pte_fragment_free(struct page *page, int kernel)
        {
        \tBUG_ON(atomic_read(&page->pt_frag_refcount) <= 0);
        \tif (atomic_dec_and_test(&page->pt_frag_refcount)) {
        \t\tif (!kernel && TestClearPageActive(page))
        \t\t\t\(free)
        \t\telse
        \t\t\tpte_free_now(&page->rcu_head);
        \t}
        }
        void pte_free_defer(struct page *page)
        {
        \tSetPageActive(page);
        \tpte_fragment_free(page, 0);
        }
        void walker(pmd_t *pmd)
        {
        \tpmd_t entry;
        \trcu_read_lock();
        \tentry = pmdp_get_lockless(&pmd[choose(2)]);
        \tif (!pmd_none(entry))
        \t\tREAD_ONCE(*(unsigned long *)page_address(pmd_page(entry)));
        \trcu_read_unlock();
        }
        P0(pmd_t *pmd, struct page *pt) { pmd_clear(&pmd[0]); pte_free_defer(pt); }
        P1(pmd_t *pmd, struct page *pt) { pmd_clear(&pmd[1]); pte_fragment_free(pt, 0); }
        P2(pmd_t *pmd) { walker(pmd); }
        P3(pmd_t *pmd) { walker(pmd); }
        """
    }

    static func program(_ source: String) throws -> Program {
        guard case .program(let program) = compileSource(source) else { throw LoadFailure.invalid([]) }
        return program
    }

    @Test func identicalWalkersAreExploredOnceUpToOrder() throws {
        let program = try Self.program(Self.walkers)
        let all = check(program, options: CheckOptions(reduction: false))
        let reduced = check(program, options: CheckOptions(reduction: true))
        #expect(all.statistics.states == 41)
        #expect(reduced.statistics.states == 25)
        #expect(all.verdict == .pass && reduced.verdict == .pass)
        #expect(all.statistics.depth == reduced.statistics.depth)
    }

    /// The swap renames walker CPUs in a queued callback's grace-period
    /// mask; the verdict stays, on one worker and on three.
    @Test func callbackMasksFollowTheSwap() throws {
        let program = try Self.program(Self.pteFreeDefer())
        let all = check(program, options: CheckOptions(reduction: false))
        #expect(all.verdict == .pass)
        for jobs in [1, 3] {
            let reduced = check(program, options: CheckOptions(jobs: jobs, reduction: true))
            #expect(reduced.verdict == .pass)
            #expect(reduced.statistics.states < all.statistics.states)
            #expect(reduced.statistics.depth == all.statistics.depth)
        }
    }

    /// The search over classes finds the use after free itself, at the
    /// same depth; the check then reports the search without reduction,
    /// trace and counts and all.
    @Test func aViolationIsFoundAndReportedConcretely() throws {
        let program = try Self.program(Self.pteFreeDefer(free: "pte_free_now(&page->rcu_head);"))
        let system = KernelSystem<SequentialConsistency>(program: program)
        let symmetry = try #require(ThreadSymmetry(program: program, layout: system.layout, initial: system.initialState().0))
        #expect(symmetry.groups == [[2, 3]])
        var classes = BreadthFirstChecker(system: system, properties: system.properties, options: CheckOptions())
        classes.symmetry = symmetry
        let found = classes.run()
        let all = check(program, options: CheckOptions(reduction: false))
        let reported = check(program, options: CheckOptions(reduction: true))
        #expect(found.verdict == .violation(.useAfterFree))
        #expect(all.verdict == .violation(.useAfterFree))
        #expect(found.trace?.steps.count == all.trace?.steps.count)
        let render = { (result: CheckResult) in result.trace.map { TraceText.render($0, model: program.name, memoryModel: .sc, config: program.config) } }
        #expect(render(reported) == render(all))
        #expect(reported.statistics.states == all.statistics.states)
    }

    /// A final condition may name one thread's registers: threads are not
    /// swapped then.
    @Test func aFinalConditionKeepsThreadsApart() throws {
        let program = try Self.program(Self.walkers + "\nexists (1:r=1 /\\ 2:r=0)\n")
        let system = KernelSystem<SequentialConsistency>(program: program)
        #expect(ThreadSymmetry(program: program, layout: system.layout, initial: system.initialState().0)?.groups == nil)
    }

    /// Threads that differ in what they read are not alike.
    @Test func differentThreadsAreNotSwapped() throws {
        let program = try Self.program("C d\n{ int x = 0; int y = 0; }\nP0(int *x) { int r; r = READ_ONCE(*x); }\nP1(int *y) { int r; r = READ_ONCE(*y); }\n")
        let system = KernelSystem<SequentialConsistency>(program: program)
        #expect(ThreadSymmetry(program: program, layout: system.layout, initial: system.initialState().0)?.groups == nil)
    }

    /// Every bundled model and fixture: the same verdict with reduction and
    /// without, and for a violation the same trace. Most have no
    /// interchangeable threads, and for those the reduction is not tried.
    @Test(arguments: FixtureTests.folders.flatMap { modelFiles(under: packageRoot.appendingPathComponent($0)) }.map(\.path))
    func reductionKeepsEveryVerdict(_ path: String) async throws {
        let program = try loadProgram(path)
        let system = KernelSystem<SequentialConsistency>(program: program)
        guard ThreadSymmetry(program: program, layout: system.layout, initial: system.initialState().0) != nil else { return }
        let all = try await SharedRuns.states(path, under: .sc)
        let reduced = check(program, options: CheckOptions(maxStates: SharedRuns.stateBudget, reduction: true))
        #expect(all.outcome == reduced.outcome)
        #expect(reduced.statistics.states <= all.statistics.states)
        let render = { (result: CheckResult) in result.trace.map { TraceText.render($0, model: program.name, memoryModel: .sc, config: program.config) } }
        #expect(render(all) == render(reduced))
    }
}
