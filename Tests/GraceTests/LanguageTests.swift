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
        #expect(messages.count == 1)
        #expect(messages[0].contains("preprocessor directive '#ifdef' is not supported"))
    }

    /// Function-like macros as kernel headers write them: parameters
    /// replaced by arguments that may themselves use macros, a body
    /// continued over lines, variadic arguments, a macro passed a macro
    /// name, a name defined as itself, and #undef.
    @Test func functionLikeMacrosExpand() throws {
        let result = try check(source: """
            C def
            #define PTE_FRAG_NR 16
            #define MAX(a, b) ((a) > (b) ? (a) : (b))
            #define SQUARE(x) \\
            \t((x) * (x))
            #define CHECK(cond, ...) BUG_ON(!(cond))
            #define APPLY(f, x) f(x)
            #define set_pte_at set_pte_at
            #define SEVEN() 7
            #define GONE 1
            #undef GONE
            { int x = 0; int GONE = 3; }
            P0(int *x, int *GONE)
            {
            \tWRITE_ONCE(*x, MAX(SQUARE(3), PTE_FRAG_NR));
            \tCHECK(READ_ONCE(*x) == 16, "x is %d", READ_ONCE(*x));
            \tCHECK(APPLY(SQUARE, 2 + 1) == 9);
            \tCHECK(SEVEN() + READ_ONCE(*GONE) == 10);
            }
            """)
        #expect(result.verdict == .pass)
    }

    /// Misuse is an error located where the macro is used or defined.
    @Test func functionLikeMacroMisuseIsLocated() {
        let source = """
            C def
            #define H(a, b) ((a) + (b))
            #define F(x) G(x)
            #define G(x) F(x)
            #define OPEN(x) ((x)
            #define S(x) #x
            { int x = 0; }
            P0(int *x)
            {
            \tint r = H(1);
            \tr = H(1, 2, 3);
            \tr = F(1);
            }
            """
        let messages = diagnostics(of: source)
        #expect(messages.contains { $0.contains(":5:1: error: the body of macro 'OPEN' has a '(' that is never closed") })
        #expect(messages.contains { $0.contains(":6:1: error: macro 'S' uses the # or ## operator, which is not supported") })
        #expect(messages.contains { $0.contains(":10:10: error: macro 'H' takes 2 arguments, not 1") })
        #expect(messages.contains { $0.contains(":11:6: error: macro 'H' takes 2 arguments, not 3") })
        #expect(messages.contains { $0.contains(":12:6: error: macro 'G' expands to a use of itself; recursive macros are not supported") })
        #expect(messages.count == 5, "\(messages)")
        let unclosed = diagnostics(of: "C def\n#define H(a, b) ((a) + (b))\n{ int x = 0; }\nP0(int *x) { int r = H((1, 2); }\n")
        #expect(unclosed.contains { $0.contains(":4:22: error: the arguments of macro 'H' have no closing ')'") })
    }

    /// Literals are typed as C types them: a suffix or a hexadecimal
    /// literal that does not fit an int makes the arithmetic unsigned or
    /// 64-bit.
    @Test func integerLiteralsHaveCTypes() throws {
        let result = try check(source: """
            C literals
            { int x = 0; }
            P0(int *x)
            {
            \tunsigned long big = 1UL << 40;
            \tassert(big == 1099511627776);
            \tassert((1 << 31) < 0);
            \tassert(0x80000000 > 0);
            \tassert(-1 < 0x7fffffff);
            \tassert(-1 > 0x80000000);
            \tassert(-1 < 2147483648);
            \tassert(-1 > 1U);
            \tassert((1L << 40) > 0);
            \tassert((0x100000000U >> 32) == 1);
            }
            """)
        #expect(result.verdict == .pass)
    }

    /// A constant expression in an initial value, a case label or an
    /// array bound has the value the same expression computes at run time:
    /// unsigned operands make a shift logical, a division and a comparison
    /// unsigned, and a cast converts.
    @Test func constantsFoldAsTheyRun() throws {
        let result = try check(source: """
            C folding
            {
            \tunsigned long shifted = (unsigned long)-1 >> 60;
            \tunsigned long halved = -1UL / 2;
            \tint compared = -1 < 1U;
            \tint narrowed = (unsigned char)300;
            \tint table[(unsigned long)-1 >> 62];
            }
            P0(unsigned long *shifted, unsigned long *halved, int *compared, int *narrowed, int *table)
            {
            \tassert(READ_ONCE(*shifted) == ((unsigned long)-1 >> 60));
            \tassert(READ_ONCE(*halved) == -1UL / 2);
            \tassert(READ_ONCE(*compared) == (-1 < 1U));
            \tassert(READ_ONCE(*narrowed) == (unsigned char)300);
            \tWRITE_ONCE(table[2], 1);
            \tunsigned long halving = -1UL;
            \thalving /= 2;
            \tassert(halving == -1UL / 2);
            \tswitch (READ_ONCE(*shifted)) {
            \tcase (unsigned long)-1 >> 60: WRITE_ONCE(table[0], 1); break;
            \tdefault: WRITE_ONCE(table[0], 2);
            \t}
            }
            exists (shifted=15 /\\ halved=9223372036854775807 /\\ compared=0 /\\ narrowed=44 /\\ table[0]=1 /\\ table[2]=1)
            """)
        #expect(result.verdict == .always)
    }

    /// A void function may return a void call, as GNU C and the kernel do
    /// (`return free_reserved_ptdesc(ptdesc);`); a value is still an error.
    @Test func voidFunctionsReturnVoidCalls() throws {
        let result = try check(source: """
            C void-return
            { int x = 0; }
            void set(int *x) { WRITE_ONCE(*x, 1); }
            void setAndLeave(int *x) { if (x) return set(x); WRITE_ONCE(*x, 2); }
            P0(int *x) { setAndLeave(x); }
            exists (x=1)
            """)
        #expect(result.verdict == .always)
        let messages = diagnostics(of: "C t\n{ int x = 0; }\nvoid f(int *x) { return 1; }\nP0(int *x) { f(x); }\n")
        #expect(messages.first?.contains("test.grace:3:25: error: 'f' returns void; it cannot return a value") == true, "\(messages)")
    }

    /// switch as C has it: case labels fall through until a break, default
    /// takes what no label matches, and continue goes to the loop around.
    @Test func switchFallsThroughToBreak() throws {
        let result = try check(source: """
            C switch
            { int x = 0; int y = 0; }
            int classify(int v)
            {
            \tint r = 0;
            \tswitch (v) {
            \tcase 0x00U:
            \t\tr = 10;
            \t\tbreak;
            \tcase 1:
            \tcase 2:
            \t\tr += 20;
            \tcase 3:
            \t\tr += 1;
            \t\tbreak;
            \tdefault:
            \t\tr = 99;
            \t}
            \treturn r;
            }
            P0(int *x, int *y)
            {
            \tint i;
            \tint sum = 0;
            \tfor (i = 0; i < 5; i++) {
            \t\tswitch (i) {
            \t\tcase 4:
            \t\t\tcontinue;
            \t\tdefault:
            \t\t\tsum += classify(i);
            \t\t}
            \t}
            \tWRITE_ONCE(*x, sum);
            \tWRITE_ONCE(*y, classify(7));
            }
            exists (x=53 /\\ y=99)
            """)
        #expect(result.verdict == .always)
    }

    @Test func switchMisuseIsLocated() {
        let messages = diagnostics(of: "C t\n{ int x = 0; }\nP0(int *x)\n{\n\tint v = READ_ONCE(*x);\n\tcase 1: v = 2;\n\tswitch (v) {\n\tcase 1: break;\n\tcase 1: break;\n\tcase v: break;\n\tdefault: break;\n\tdefault: break;\n\t}\n}\n")
        #expect(messages.count == 4)
        #expect(messages.first?.contains("test.grace:6:2: error: a 'case' label must be a statement of a switch's own body") == true)
        #expect(messages.dropFirst().first?.contains("test.grace:9:7: error: duplicate case value 1; the first is at line 8") == true)
        #expect(messages.dropFirst(2).first?.contains("test.grace:10:7: error: a case label must be an integer constant") == true)
        #expect(messages.last?.contains("test.grace:12:2: error: a switch has one 'default' label") == true)
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
