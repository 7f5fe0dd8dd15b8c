import GraceSemantics
import Testing

/// The line under a counterexample that ties the violation to the steps
/// behind it, told from the access the violation stopped.
@Suite struct TraceExplanationTests {
    static func explanation(_ body: String) throws -> String {
        let trace = try #require(try check(source: """
            C explained
            { struct page pg; struct list_head items; }
            P0(struct page *pg, struct list_head *items)
            {
            \(body)
            }
            """).trace)
        #expect(trace.violation.kind == .useAfterFree)
        return trace.explanation
    }

    @Test func aReadOfFreedMemory() throws {
        #expect(try Self.explanation("""
            \tint *word = (int *)page_address(pg);
            \t__free_page(pg);
            \tint r0 = READ_ONCE(*word);
            """) == "pg's contents freed at step 1 by CPU0 task in P0, line 6; read at step 2 by CPU0 task in P0, line 7")
    }

    /// INIT_LIST_HEAD writes the links: the violation says "list write",
    /// which a reading of the message's first word took for a read.
    @Test func aListWriteIsWritten() throws {
        #expect(try Self.explanation("""
            \tstruct list_head *node = (struct list_head *)page_address(pg);
            \t__free_page(pg);
            \tINIT_LIST_HEAD(node);
            """) == "pg's contents freed at step 1 by CPU0 task in P0, line 6; written at step 2 by CPU0 task in P0, line 7")
    }

    /// spin_lock is an atomic update of the lock word ("lock access").
    @Test func aLockAccessIsAnUpdate() throws {
        #expect(try Self.explanation("""
            \tspinlock_t *lock = (spinlock_t *)page_address(pg);
            \t__free_page(pg);
            \tspin_lock(lock);
            """) == "pg's contents freed at step 1 by CPU0 task in P0, line 6; updated at step 2 by CPU0 task in P0, line 7")
    }

    @Test func anAtomicUpdate() throws {
        #expect(try Self.explanation("""
            \tatomic_t *count = (atomic_t *)page_address(pg);
            \t__free_page(pg);
            \tatomic_inc(count);
            """) == "pg's contents freed at step 1 by CPU0 task in P0, line 6; updated at step 2 by CPU0 task in P0, line 7")
    }
}
