import GraceFrontend
import GraceSemantics
import Testing

/// A step's footprint, computed from the accesses it made through the
/// memory model, says what a reduction needs: which steps commute.
@Suite struct FootprintTests {
    static func system(_ source: String) throws -> KernelSystem<SequentialConsistency> {
        guard case .program(let program) = compileSource(source) else { throw LoadFailure.invalid(diagnostics(of: source)) }
        return KernelSystem<SequentialConsistency>(program: program)
    }

    /// The footprints of the first step of each CPU from the initial state.
    static func firstSteps(_ system: KernelSystem<SequentialConsistency>) -> [Int: Footprint] {
        let initial = system.initialState().0
        var footprints: [Int: Footprint] = [:]
        var scratch = initial
        system.forEachSuccessor(of: initial, scratch: &scratch) { action, _, _ in
            footprints[action.cpu] = system.footprint(of: initial, via: action)
        }
        return footprints
    }

    static func cell(_ system: KernelSystem<SequentialConsistency>, _ name: String) -> SharedLocation {
        .cell(system.program.objects.first { $0.name == name }!.base)
    }

    /// The lifetime of an object: every access to it reads it, as kfree
    /// could end it.
    static func lifetime(_ system: KernelSystem<SequentialConsistency>, _ name: String) -> SharedLocation {
        .lifetime(object: system.program.objects.firstIndex { $0.name == name }!)
    }

    @Test func writesToDifferentCellsCommute() throws {
        let system = try Self.system("""
            C independent
            { int x = 0; int y = 0; }
            P0(int *x) { WRITE_ONCE(*x, 1); }
            P1(int *y) { WRITE_ONCE(*y, 1); }
            P2(int *x) { int r0 = READ_ONCE(*x); }
            """)
        let steps = Self.firstSteps(system)
        let p0 = try #require(steps[0])
        #expect(p0.cpu == 0 && p0.context == .task)
        #expect(p0.writes == [Self.cell(system, "x")] && p0.reads == [Self.lifetime(system, "x")])
        #expect(!p0.touchesKernelBookkeeping)
        let p2 = try #require(steps[2])
        #expect(p2.reads == [Self.cell(system, "x"), Self.lifetime(system, "x")] && p2.writes.isEmpty)
        #expect(!p0.isDependent(on: try #require(steps[1])))
        #expect(p0.isDependent(on: p2) && p2.isDependent(on: p0))
        #expect(!p2.isDependent(on: try #require(steps[1])))
    }

    /// Taking a lock updates its word and counts the lock as held on the
    /// CPU, which makes the CPU an RCU reader: bookkeeping other steps see.
    @Test func lockingTouchesBookkeeping() throws {
        let system = try Self.system("""
            C lock
            { spinlock_t l; int x = 0; }
            P0(spinlock_t *l) { spin_lock(l); spin_unlock(l); }
            P1(int *x) { WRITE_ONCE(*x, 1); }
            """)
        let steps = Self.firstSteps(system)
        let lock = try #require(steps[0])
        #expect(lock.reads == [Self.cell(system, "l"), Self.lifetime(system, "l")] && lock.writes == [Self.cell(system, "l")])
        #expect(lock.touchesKernelBookkeeping)
        #expect(lock.isDependent(on: try #require(steps[1])))
    }

    /// Reading a page's contents depends on its lifetime, which freeing it
    /// ends: the two do not commute.
    @Test func freeingConflictsWithAccessesToTheContents() throws {
        let system = try Self.system("""
            C lifetime
            { struct page pg; }
            P0(struct page *pg) { __free_page(pg); }
            P1(struct page *pg) { int *q = page_address(pg); int r0 = READ_ONCE(*q); }
            """)
        let steps = Self.firstSteps(system)
        let free = try #require(steps[0])
        let read = try #require(steps[1])
        #expect(free.writes.contains(Self.lifetime(system, "pg")))
        #expect(read.reads.contains(Self.lifetime(system, "pg")))
        #expect(free.isDependent(on: read) && read.isDependent(on: free))
    }

    @Test func actionsThatAreNotSuccessorsHaveNoFootprint() throws {
        let system = try Self.system("C t\n{ int x = 0; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\n")
        let initial = system.initialState().0
        #expect(system.footprint(of: initial, via: .ipi(cpu: 0)) == nil)
        #expect(system.footprint(of: initial, via: .softirq(cpu: 0)) == nil)
        #expect(system.footprint(of: initial, via: .step(cpu: 0, choices: [])) != nil)
    }
}
