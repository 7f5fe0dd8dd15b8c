import GraceFrontend
import GraceSemantics
import Testing

/// Every access to shared memory goes through the memory model's seam and
/// is recorded as one event with its location, kind, role and ordering.
@Suite struct SharedMemoryTests {
    /// The accesses of each step P0 takes from the start, running only P0.
    static func accessesOfThread0(_ source: String, steps: Int) throws -> [[MemoryAccess]] {
        guard case .program(let program) = compileSource(source) else {
            Issue.record("the model does not compile")
            return []
        }
        let system = KernelSystem<SequentialConsistency>(program: program)
        var state = system.initialState().0
        var result: [[MemoryAccess]] = []
        for _ in 0..<steps {
            var successors: [Successor] = []
            system.successors(of: state, into: &successors, recording: .trace)
            let next = try #require(successors.first { $0.action.cpu == 0 })
            result.append(next.log?.kernelEvents.compactMap { event in
                if case .access(let access) = event { return access }
                return nil
            } ?? [])
            state = next.state
        }
        return result
    }

    static func cell(_ program: Program, _ name: String) -> SharedLocation {
        .cell(program.objects.first { $0.name == name }!.base)
    }

    @Test func loadsAndStoresCarryTheirOrdering() throws {
        let source = """
            C orderings
            { int x = 0; int y = 0; }
            P0(int *x, int *y)
            {
            \tint r0;
            \tWRITE_ONCE(*x, 1);
            \tsmp_store_release(y, 2);
            \tr0 = smp_load_acquire(x);
            \tr0 = *y;
            }
            """
        let steps = try Self.accessesOfThread0(source, steps: 4)
        #expect(steps.map { $0.map(\.kind) } == [[.write], [.write], [.read], [.read]])
        #expect(steps.map { $0.map(\.ordering) } == [[.relaxedAccess], [.release], [.acquire], [.plainAccess]])
        #expect(steps.map { $0.map(\.value) } == [[1], [2], [1], [2]])
        #expect(steps.allSatisfy { $0.allSatisfy { $0.role == .data } })
        guard case .program(let program) = compileSource(source) else { return }
        #expect(steps.map { $0.map(\.location) } == [[Self.cell(program, "x")], [Self.cell(program, "y")], [Self.cell(program, "x")], [Self.cell(program, "y")]])
    }

    /// An RMW is one access with both halves and the ordering of its
    /// variant; a cmpxchg that finds another value only read.
    @Test func readModifyWritesAreOneAccess() throws {
        let steps = try Self.accessesOfThread0("""
            C rmw
            { atomic_t v = ATOMIC_INIT(1); int x = 0; unsigned long w = 0; }
            P0(atomic_t *v, int *x, unsigned long *w)
            {
            \tint r0;
            \tatomic_inc(v);
            \tr0 = atomic_inc_return(v);
            \tr0 = cmpxchg(x, 5, 6);
            \tr0 = cmpxchg(x, 0, 7);
            \tr0 = xchg_acquire(x, 8);
            \tset_bit(3, w);
            \tr0 = test_and_clear_bit(3, w);
            }
            """, steps: 7)
        #expect(steps.map(\.count) == [1, 1, 1, 1, 1, 1, 1])
        let accesses = steps.map { $0[0] }
        #expect(accesses.map(\.kind) == [.update, .update, .failedUpdate, .update, .update, .update, .update])
        #expect(accesses.map(\.ordering) == [.relaxedRMW, .fullyOrdered, .onSuccess(.full), .fullyOrdered, .acquire, .relaxedRMW, .fullyOrdered])
        #expect(accesses.map(\.value) == [1, 2, 0, 0, 7, 0, 8])
        #expect(accesses.map(\.newValue) == [2, 3, 0, 7, 8, 8, 0])
    }

    /// Taking a lock is one acquire update of its word; releasing it is
    /// Grace's check that the releaser holds it, then a release store (a
    /// `mov` on x86, not a locked instruction); a trylock of a held lock
    /// only reads.
    @Test func lockWordsAreUpdated() throws {
        let steps = try Self.accessesOfThread0("""
            C locks
            { spinlock_t l; }
            P0(spinlock_t *l)
            {
            \tint r0;
            \tspin_lock(l);
            \tr0 = spin_trylock(l);
            \tspin_unlock(l);
            \tr0 = spin_is_locked(l);
            }
            """, steps: 4)
        #expect(steps.map { $0.map(\.kind) } == [[.update], [.failedUpdate], [.read, .write], [.read]])
        #expect(steps.map { $0.map(\.ordering) } == [[.acquire], [.onSuccess(.acquire)], [.relaxedAccess, .release], [.relaxedAccess]])
        #expect(steps.map { $0.map(\.role) } == [[.lockWord], [.lockWord], [.check, .lockWord], [.lockWord]])
        #expect(steps[0][0].value == 0 && steps[0][0].newValue != 0)
        #expect(steps[2][0].value == steps[0][0].newValue && steps[2][1].value == 0)
    }

    /// list_add reads the links it checks and writes four, the last (the
    /// one that publishes the node) a WRITE_ONCE.
    @Test func listLinksGoThroughTheSeam() throws {
        let steps = try Self.accessesOfThread0("""
            C lists
            { struct list_head h; struct list_head n; }
            P0(struct list_head *h, struct list_head *n)
            {
            \tINIT_LIST_HEAD(h);
            \tlist_add(n, h);
            }
            """, steps: 2)
        #expect(steps[0].map(\.kind) == [.write, .write])
        #expect(steps[0].map(\.ordering) == [.relaxedAccess, .relaxedAccess])
        let add = steps[1]
        #expect(add.allSatisfy { $0.role == .listLink })
        #expect(add.filter { $0.kind == .write }.count == 4)
        #expect(add.last?.kind == .write && add.last?.ordering == .relaxedAccess)
        #expect(add.filter { $0.kind == .write }.dropLast().allSatisfy { $0.ordering == .plainAccess })
    }

    /// Reference counts, mm counts, rcu_heads and srcu_structs are shared
    /// memory too, each touched through the seam in its role.
    @Test func kernelObjectsGoThroughTheSeam() throws {
        let steps = try Self.accessesOfThread0("""
            C kernel-objects
            { struct page pg; struct mm_struct mm = { .mm_users = 1, .mm_count = 1 }; struct srcu_struct s; }
            void cb(struct rcu_head *head) { }
            P0(struct page *pg, struct mm_struct *mm, struct srcu_struct *s)
            {
            \tint idx;
            \tget_page(pg);
            \tmmgrab(mm);
            \tmmdrop(mm);
            \tidx = srcu_read_lock(s);
            \tsrcu_read_unlock(s, idx);
            \tcall_rcu(&pg->rcu_head, cb);
            }
            """, steps: 6)
        func ofRole(_ role: MemoryAccess.Role, _ accesses: [MemoryAccess]) -> [MemoryAccess] { accesses.filter { $0.role == role } }
        #expect(steps[0].map(\.role) == [.pageRefcount])
        #expect(steps[0].map(\.ordering) == [.relaxedRMW])
        #expect(steps[1].map(\.role) == [.mmCount] && steps[1].map(\.ordering) == [.relaxedRMW])
        #expect(steps[2].map(\.role) == [.mmCount] && steps[2].map(\.ordering) == [.fullyOrdered])
        #expect(ofRole(.srcuReaders, steps[3]).map(\.kind) == [.update])
        #expect(ofRole(.srcuReaders, steps[4]).map(\.kind) == [.update])
        #expect(ofRole(.srcuReaders, steps[4]).first?.newValue == 0)
        // struct page's rcu_head shares its cells with lru: Grace checks
        // that the list_head is not linked before it queues the head.
        #expect(steps[5].first?.role == .check && steps[5].first?.kind == .read)
        #expect(ofRole(.rcuHead, steps[5]).map(\.kind) == [.write, .write])
        #expect(ofRole(.rcuHead, steps[5]).map(\.ordering) == [.plainAccess, .release])
    }

    /// A hardware walk reads the pmd through the seam and fills the CPU's
    /// paging-structure cache; the next walk of it reads the cache only.
    @Test func hardwareWalksRecordTheTranslationCache() throws {
        let steps = try Self.accessesOfThread0("""
            C walks
            { struct page pt; pmd_t pmd = pt; }
            P0(pmd_t *pmd)
            {
            \tstruct page *r0;
            \tr0 = tlb_walk(pmd);
            \tr0 = tlb_walk(pmd);
            }
            """, steps: 2)
        #expect(steps[0].map(\.role) == [.pageTableWalk, .translationCache])
        #expect(steps[0].map(\.kind) == [.read, .write])
        #expect(steps[0].last?.location == .translationCache(cpu: 0))
        #expect(steps[1].map(\.role) == [.translationCache])
        #expect(steps[1].map(\.kind) == [.read])
        #expect(steps[1].first?.value == steps[0].last?.value)
    }

    /// Mutexes and refcount_t are one update each, in the kernel's
    /// ordering; hlist_add_head_rcu() publishes the node with a release; a
    /// load through the MMU walks the pte, fills the cache and reads the
    /// page's word, all in one step.
    @Test func vocabularyPrimitivesGoThroughTheSeam() throws {
        let steps = try Self.accessesOfThread0("""
            C vocabulary
            { struct mutex m; refcount_t r; struct hlist_head h; struct hlist_node n; struct page data; pte_t pte0 = data; }
            P0(struct mutex *m, refcount_t *r, struct hlist_head *h, struct hlist_node *n, pte_t *pte0)
            {
            \tint r0;
            \tunsigned long v;
            \tmutex_lock(m);
            \tr0 = mutex_trylock(m);
            \tmutex_unlock(m);
            \trefcount_set(r, 1);
            \trefcount_inc(r);
            \tr0 = refcount_dec_and_test(r);
            \thlist_add_head_rcu(n, h);
            \tv = tlb_read(pte0, 1);
            }
            """, steps: 8)
        #expect(steps[0...2].map { $0.map(\.kind) } == [[.update], [.failedUpdate], [.update]])
        #expect(steps[0...2].map { $0.map(\.ordering) } == [[.acquire], [.onSuccess(.acquire)], [.release]])
        #expect(steps[0...2].allSatisfy { $0.allSatisfy { $0.role == .lockWord } })
        #expect(steps[4].map(\.kind) == [.update] && steps[4].map(\.ordering) == [.relaxedRMW])
        #expect(steps[5].map(\.kind) == [.update] && steps[5].map(\.ordering) == [.release])
        #expect(steps[5].first?.value == 2 && steps[5].first?.newValue == 1)
        let add = steps[6]
        #expect(add.allSatisfy { $0.role == .listLink })
        #expect(add.filter { $0.kind == .write }.map(\.ordering) == [.plainAccess, .relaxedAccess, .release])
        #expect(steps[7].map(\.role) == [.pageTableWalk, .translationCache, .data])
        #expect(steps[7].map(\.kind) == [.read, .write, .read])
    }

    /// Sequential consistency keeps nothing of its own: the state vector is
    /// the layout without a memory-model region.
    @Test func sequentialConsistencyOwnsNoState() throws {
        guard case .program(let program) = compileSource("C t\n{ int x = 0; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\n") else { return }
        let system = KernelSystem<SequentialConsistency>(program: program)
        #expect(system.layout.memoryModelRegion == .empty)
        #expect(system.layout.memoryModelBase == system.layout.cpuBase)
        let padded = StateLayout(program: program, memoryModelRegion: MemoryModelRegion(sharedWords: 3, wordsPerCPU: 2))
        #expect(padded.cpuBase == system.layout.cpuBase + 3)
        #expect(padded.cpuSize == system.layout.cpuSize + 2)
        #expect(padded.memoryModelWords(of: 0) + 2 <= padded.context(cpu: 0, level: 0))
    }
}
