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
}
