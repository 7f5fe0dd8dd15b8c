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
}
