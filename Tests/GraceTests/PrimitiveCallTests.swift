import Foundation
import GraceExplorer
import GraceFrontend
import Testing

/// Calls of single primitives whose compiled form or effect was wrong
/// before the catalogue declared them: each model here was written from
/// the kernel's meaning of the call.
@Suite struct PrimitiveCallTests {
    /// The primitives a thread's code executes, in order.
    func primitives(of source: String) throws -> [Primitive] {
        guard case .program(let program) = compileSource(source) else {
            Issue.record("did not compile: \(diagnostics(of: source))")
            return []
        }
        let thread = program.functions[program.threads[0].function]
        return thread.code.compactMap { if case .primitive(let primitive) = $0 { return primitive } else { return nil } }
    }

    /// atomic_xchg, atomic_cmpxchg and atomic_try_cmpxchg are fully ordered
    /// (their _relaxed forms are not); the IR once carried relaxed for all.
    @Test func atomicExchangesAreFullyOrdered() throws {
        let found = try primitives(of: """
            C orderings
            { atomic_t v = ATOMIC_INIT(0); }
            P0(atomic_t *v)
            {
            \tint old = 0;
            \tatomic_xchg(v, 1);
            \tatomic_cmpxchg(v, 1, 2);
            \tatomic_try_cmpxchg(v, &old, 3);
            \tatomic_long_cmpxchg_relaxed(v, 3, 4);
            }
            """)
        #expect(found == [.exchange(.full, format: .int), .compareExchange(.full, format: .int),
                          .compareExchange(.full, format: .int), .compareExchange(.relaxed, format: .int)])
    }

    /// The atomic64_ forms and ATOMIC64_INIT take an atomic64_t, a 64-bit
    /// counter; the type was missing, so none of them could be called on
    /// the counter their signature names.
    @Test func atomic64CountersHoldSixtyFourBits() throws {
        let result = try check(source: """
            C atomic64
            { atomic64_t v = ATOMIC64_INIT(4294967295); }
            P0(atomic64_t *v)
            {
            \tlong r0 = atomic64_inc_return(v);
            \tlong r1 = atomic64_read(v);
            }
            exists (0:r0=4294967296 /\\ 0:r1=4294967296)
            """)
        #expect(result.verdict == .always)
    }

    /// free_pages(addr, order) and __free_pages(page, order) free the page
    /// they are given; they once dropped it and freed whatever lay below on
    /// the operand stack.
    @Test func freeingWithAnOrderFreesThePage() throws {
        let result = try check(source: """
            C free-with-order
            { int x = 0; }
            P0(int *x)
            {
            \tunsigned long addr = __get_free_page(GFP_KERNEL);
            \tfree_pages(addr, 0);
            \tstruct page *pg = alloc_page(GFP_KERNEL);
            \t__free_pages(pg, 0);
            \tWRITE_ONCE(*x, 1);
            }
            exists (x=1)
            """)
        #expect(result.verdict == .always)
    }

    /// list_prev_entry(pos, member) is the entry before pos; the parser once
    /// read its member name as an expression, so no call compiled.
    @Test func listPrevEntryIsTheEntryBefore() throws {
        let result = try check(source: """
            C prev-entry
            struct holder { struct list_head node; int value; };
            { struct holder a; struct holder b; struct list_head head; int x = 0; }
            P0(int *x)
            {
            \tINIT_LIST_HEAD(&head);
            \tlist_add_tail(&a.node, &head);
            \tlist_add_tail(&b.node, &head);
            \tstruct holder *p = list_prev_entry(&b, node);
            \tWRITE_ONCE(*x, p == &a);
            }
            exists (x=1)
            """)
        #expect(result.verdict == .always)
    }

    /// folio_page(folio, 0) is the folio's page; it once dropped the folio
    /// and left no value, so the result was whatever the stack held.
    @Test func folioPageIsTheFolio() throws {
        let result = try check(source: """
            C folio-page
            { struct page pg; int x = 0; }
            P0(struct page *pg, int *x)
            {
            \tstruct page *first = folio_page(pg, 0);
            \tWRITE_ONCE(*x, first == pg);
            }
            exists (x=1)
            """)
        #expect(result.verdict == .always)
    }

    /// Each page-flag and bit operation carries its own ordering in the IR:
    /// TestClearPageActive is fully ordered, SetPageActive relaxed, and the
    /// read of test_bit_acquire acquires (it once read relaxed).
    @Test func bitOperationsCarryTheirOrdering() throws {
        let found = try primitives(of: """
            C bit-orderings
            { struct page pg; unsigned long word = 0; }
            P0(struct page *pg, unsigned long *word)
            {
            \tSetPageActive(pg);
            \tTestClearPageActive(pg);
            \tfolio_test_clear_active(pg);
            \tPageActive(pg);
            \ttest_bit_acquire(1, word);
            \tclear_bit_unlock(1, word);
            }
            """)
        #expect(found == [.bit(.set, .relaxed), .bit(.testAndClear, .full), .bit(.testAndClear, .full),
                          .testBit(.once), .testBit(.acquire), .bit(.clear, .release)])
    }

    /// A model that allocates only with __get_free_pages gets a page pool:
    /// the allocation sites counted for the pool are the catalogue's
    /// allocating entries, and __get_free_pages was missing from the
    /// hand-kept list, so its pool was empty and the call ran out of memory.
    @Test func getFreePagesIsAnAllocationSite() throws {
        let result = try check(source: """
            C get-free-pages
            { int x = 0; }
            P0(int *x)
            {
            \tunsigned long addr = __get_free_pages(GFP_KERNEL, 0);
            \tunsigned long *contents = (unsigned long *)addr;
            \tWRITE_ONCE(contents[0], 1);
            \tWRITE_ONCE(*x, READ_ONCE(contents[0]));
            \tfree_pages(addr, 0);
            }
            exists (x=1)
            """)
        #expect(result.verdict == .always)
    }

    /// Every allocating primitive, called once, gives the model one pool page.
    @Test(arguments: PrimitiveCatalogue.entries.filter(\.allocates).map(\.name))
    func everyAllocatorGetsAPoolPage(_ name: String) throws {
        guard case .program(let program) = compileSource(CatalogueProbe.model(calling: [name])) else {
            Issue.record("\(name) did not compile")
            return
        }
        #expect(program.objects.filter { $0.kind == .page && !$0.isDeclared }.count == 1)
    }
}
