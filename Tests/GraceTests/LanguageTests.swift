import Foundation
import GraceExplorer
import GraceFrontend
import Testing

/// Language features beyond herd7's: macros, the model's own choices,
/// herd7 init forms.
@Suite struct LanguageTests {
    @Test func objectLikeMacrosExpand() throws {
        let result = try check(source: """
            C def
            #define PTE_FREE_DEFERRED 0x10000
            #define TWICE (PTE_FREE_DEFERRED * 2)
            { int x = 0; }
            P0(int *x) { WRITE_ONCE(*x, TWICE); assert(READ_ONCE(*x) == 0x20000); }
            """)
        #expect(result.verdict == .pass)
    }

    @Test func otherPreprocessorDirectivesAreErrors() {
        let messages = diagnostics(of: "C def\n#define F(x) x\n#ifdef A\n{}\nP0(int *x) { }\n")
        #expect(messages.count == 2)
        #expect(messages[0].contains("function-like macros are not supported; write 'F' as a function"))
        #expect(messages[1].contains("preprocessor directive '#ifdef' is not supported"))
    }

    /// choose(n) explores every value: x ends 0, 1 or 2.
    @Test func chooseExploresEveryValue() throws {
        let result = try check(source: "C choose\n{ int x = 0; }\nP0(int *x) { WRITE_ONCE(*x, choose(3)); }\nexists (x=2)\n")
        #expect(result.verdict == .sometimes)
        #expect(result.consideredFinalStates == 3)
        #expect(result.satisfyingFinalStates == 1)
    }

    /// herd7's `p=y;` names y as a location without declaring it.
    @Test func herdPointerInitialisation() throws {
        let result = try check(source: "C p\n{ p=y; }\nP0(int **p) { int *r0 = READ_ONCE(*p); WRITE_ONCE(*r0, 1); }\nexists (y=1)\n")
        #expect(result.verdict == .always)
    }

    /// Narrow integer types wrap as C's do; plain int is 32-bit.
    @Test func integerWidths() throws {
        let result = try check(source: """
            C widths
            { u8 b = 250; int i = 0; }
            P0(u8 *b, int *i) { *b = *b + 10; *i = 0x7fffffff; *i = *i + 1; assert(*b == 4); assert(*i < 0); }
            """)
        #expect(result.verdict == .pass)
    }
}
