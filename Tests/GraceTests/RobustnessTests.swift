import GraceExplorer
import GraceFrontend
import Testing

/// Inputs that once crashed Grace (found by mutating the bundled models):
/// each now yields a located diagnostic, a verdict, or `inconclusive`. The
/// large inputs are built here rather than stored.
@Suite struct RobustnessTests {
    let limit = LanguageLimits.nesting

    /// A model whose P0 runs `body`, with `x` shared and `condition` at the end.
    func model(_ body: String, initial: String = "int x = 0;", before: String = "", condition: String = "exists (x=0)") -> String {
        "C robust\n{ \(initial) }\n\(before)P0(int *x)\n{\n\(body)\n}\n\(condition)\n"
    }

    /// The first error of a model that must not compile, with its rendered
    /// form checked for the source line and a caret under the column.
    func firstError(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        guard case .invalid(let file, let found) = compileSource(text), let first = found.first else {
            Issue.record("the model compiled", sourceLocation: sourceLocation)
            return nil
        }
        let lines = first.rendered(in: file).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3, sourceLocation: sourceLocation)
        #expect(lines.first?.hasPrefix("test.grace:\(first.location.line):\(first.location.column): error: ") == true, sourceLocation: sourceLocation)
        #expect(lines.last?.last == "^", sourceLocation: sourceLocation)
        return first
    }

    func expectNestingError(_ text: String, line: Int, column: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let error = firstError(text, sourceLocation: sourceLocation)
        #expect(error?.message == "nesting too deep: expressions, statements and conditions nest at most \(limit) levels", sourceLocation: sourceLocation)
        #expect(error?.location.line == line, sourceLocation: sourceLocation)
        #expect(error?.location.column == column, sourceLocation: sourceLocation)
    }

    // MARK: Nesting: these overflowed the stack of the parser or of a later pass

    @Test func fiveThousandParentheses() {
        let prefix = "int r0 = "
        // The statement is one level inside the body, so the 256th parenthesis
        // opens level 257; the error points at the token after it.
        expectNestingError(model(prefix + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + ";"),
                           line: 5, column: prefix.count + limit + 1)
    }

    @Test func sixThousandTermSum() {
        let prefix = "int r0 = 1"
        // Each `+` adds a level to the tree; the 256th is one too many inside a body.
        expectNestingError(model(prefix + String(repeating: "+1", count: 5999) + ";"), line: 5, column: prefix.count + 2 * (limit - 1) + 1)
    }

    @Test func fourThousandDereferences() {
        let prefix = "int r0 = "
        expectNestingError(model(prefix + String(repeating: "*", count: 4300) + "x;"), line: 5, column: prefix.count + limit + 1)
    }

    @Test func twentyThousandBraces() {
        expectNestingError(model(String(repeating: "{", count: 20000) + String(repeating: "}", count: 20000)), line: 5, column: limit + 1)
    }

    @Test func existsWithThirtySevenThousandConjuncts() {
        let conjuncts = Array(repeating: "x=1", count: 37000).joined(separator: " /\\ ")
        // The parentheses of `exists (...)` open a level; inside them a chain of n
        // conjuncts is n - 1 levels deep, so the 256th `/\` is one too many.
        expectNestingError(model("WRITE_ONCE(*x, 1);", condition: "exists (\(conjuncts))"), line: 7, column: "exists (x=1 ".count + 1 + 7 * (limit - 1))
    }

    @Test func hundredThousandTermInitialValue() {
        let prefix = "C robust\n{ int x = 1"
        let text = prefix + String(repeating: "+1", count: 99999) + "; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\n"
        let error = firstError(text)
        #expect(error?.message.hasPrefix("nesting too deep") == true)
        #expect(error?.location.line == 2)
        #expect(error?.location.column == "{ int x = 1".count + 2 * limit + 1)
    }

    @Test func deepStatementsAndInitialisersAreRejected() {
        #expect(firstError(model(String(repeating: "if (1) ", count: 3000) + ";"))?.message.hasPrefix("nesting too deep") == true)
        #expect(firstError(model("int a[1] = " + String(repeating: "{", count: 3000) + "0" + String(repeating: "}", count: 3000) + ";"))?
            .message.hasPrefix("nesting too deep") == true)
        #expect(firstError(model("WRITE_ONCE(*x, 1);", condition: "exists (" + String(repeating: "~", count: 3000) + "x=1)"))?
            .message.hasPrefix("nesting too deep") == true)
    }

    /// Just below the limit every pass still runs, and computes the right values.
    @Test func modelsNestedJustBelowTheLimitStillWork() throws {
        let depth = limit - 6
        let sum = Array(repeating: "1", count: depth).joined(separator: " + ")
        let parentheses = String(repeating: "(", count: depth) + "2" + String(repeating: ")", count: depth)
        let negations = String(repeating: "- ", count: depth) + "3"
        let blocks = String(repeating: "{", count: depth) + "WRITE_ONCE(*x, r0 + r1 + r2);" + String(repeating: "}", count: depth)
        let condition = "exists (" + Array(repeating: "x=\(depth + 2 + 3)", count: depth).joined(separator: " /\\ ") + ")"
        let text = model("int r0 = \(sum); int r1 = \(parentheses); int r2 = \(negations); \(blocks)", condition: condition)
        #expect(try check(source: text).verdict == .always)
    }

    // MARK: Literals: these trapped in a conversion or in arithmetic

    @Test func mostNegativeLiteralInACondition() throws {
        #expect(try check(source: model("WRITE_ONCE(*x, 1);", condition: "exists (x=-9223372036854775808)")).verdict == .never)
        let error = firstError(model("WRITE_ONCE(*x, 1);", condition: "exists (x=-9223372036854775809)"))
        #expect(error?.message == "-9223372036854775809 does not fit in 64 bits")
        #expect(error?.location.line == 7)
        #expect(error?.location.column == "exists (x=-".count + 1)
    }

    /// Folding `Int64.min / -1` and `% -1` wraps as the interpreter does, instead of trapping.
    @Test func constantDivisionOverflowWraps() throws {
        let initial = "long q = (-9223372036854775807 - 1) / -1; long m = (-9223372036854775807 - 1) % -1; long n = -9223372036854775808;"
        let text = model("WRITE_ONCE(*x, 1);", initial: "int x = 0; " + initial,
                         condition: "exists (q=-9223372036854775808 /\\ m=0 /\\ n=-9223372036854775808)")
        #expect(try check(source: text).verdict == .always)
    }

    @Test func literalsBeyondSixtyFourBits() {
        let error = firstError(model("int r0 = 18446744073709551616;"))
        #expect(error?.message == "integer literal '18446744073709551616' does not fit in 64 bits")
        #expect(error?.location.line == 5)
        #expect(error?.location.column == "int r0 = ".count + 1)
        #expect(firstError(model("int r0 = 0x1FFFFFFFFFFFFFFFF;"))?.message == "integer literal '0x1FFFFFFFFFFFFFFFF' does not fit in 64 bits")
        #expect(firstError(model("int r0 = 09;"))?.message == "invalid integer literal '09'")
    }

    @Test func hugeThreadNumberInTheCondition() {
        let error = firstError(model("int r0 = 1;", condition: "exists (18446744073709551615:r0=0)"))
        #expect(error?.message == "thread number 18446744073709551615 is out of range; it must be from 0 to 63")
        #expect(error?.location.line == 7)
        #expect(error?.location.column == 9)
    }

    @Test func hugeThreadNumberInTheInitBlock() {
        let error = firstError(model("int r0 = 1;", initial: "int x = 0; 18446744073709551615:r0=1;"))
        #expect(error?.message == "thread number 18446744073709551615 is out of range; it must be from 0 to 63")
        #expect(error?.location.line == 2)
        #expect(error?.location.column == 14)
        #expect(firstError(model("int r0 = 1;", initial: "int x = 0; 64:r0=1;"))?.message.hasPrefix("thread number 64 is out of range") == true)
    }

    @Test func hugeIndexInTheCondition() {
        let error = firstError(model("WRITE_ONCE(*x, 1);", initial: "int x = 0; int a[2];", condition: "exists (a[18446744073709551615]=0)"))
        #expect(error?.message == "index 18446744073709551615 is out of range; it must be from 0 to 4095")
        #expect(error?.location.column == "exists (a[".count + 1)
        #expect(firstError(model("WRITE_ONCE(*x, 1);", initial: "int x = 0; int a[2];", condition: "exists (a[2]=0)"))?.message
            == "index 2 is outside 'a', an array of 2")
    }

    @Test func hugeConfigValues() {
        for (key, range) in [("cpus", "from 1 to 64"), ("page_words", "from 1 to 64"), ("pool", "from 0 to 16")] {
            let text = "C robust\n(*\n * Config: \(key)=18446744073709551616\n *)\n{ int x = 0; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\n"
            let error = firstError(text)
            #expect(error?.message == "\(key) must be a number \(range), not '18446744073709551616'")
            #expect(error?.location.line == 3)
        }
    }

    @Test func hugeChoose() {
        let error = firstError(model("int r0 = choose(18446744073709551615);"))
        #expect(error?.message == "choose(n) needs a constant n from 1 to 64")
        #expect(error?.location.column == "int r0 = choose(".count + 1)
    }

    @Test func hugeArrays() {
        let cube = firstError(model("WRITE_ONCE(*x, 1);", initial: "int x = 0; int a[4096][4096][4096];"))
        #expect(cube?.message == "'int[4096][4096]' takes 16777216 cells; an object takes at most 65536")
        let wrapped = firstError(model("WRITE_ONCE(*x, 1);", initial: "int x = 0; int a[18446744073709551615];"))
        #expect(wrapped?.message == "array bounds must be constants from 1 to 4096")
        let many = (0..<9).map { "long a\($0)[4096][8];" }.joined(separator: " ")
        #expect(firstError(model("WRITE_ONCE(*x, 1);", initial: "int x = 0; " + many))?.message
            == "'a7' does not fit: a model's memory holds at most 262144 cells in 65534 objects")
    }

    // MARK: Types and calls: these recursed without bound

    @Test func hundredThousandPointerStars() {
        let error = firstError(model("WRITE_ONCE(*x, 1);", initial: "int " + String(repeating: "*", count: 100_000) + "p;"))
        #expect(error?.message == "type nests too deep: pointer stars, array dimensions and structs within structs nest at most 256 levels")
        #expect(error?.location.line == 2)
    }

    @Test func structsContainingThemselves() {
        let direct = firstError("C robust\nstruct s { struct s inner; int a; };\n{ struct s v; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\n")
        #expect(direct?.message == "field 'inner' would make 'struct s' contain itself; use a pointer")
        #expect(direct?.location.line == 2)
        let redefined = firstError("C robust\nstruct s { int a; };\nstruct s { struct s inner[2]; };\n{ struct s v; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\n")
        #expect(redefined?.message == "redefinition of 'struct s'")
        guard case .invalid(_, let found) = compileSource("C robust\nstruct s { int a; };\nstruct s { struct s inner[2]; };\n{ struct s v; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\n") else { return }
        #expect(found.contains { $0.message == "field 'inner' would make 'struct s' contain itself; use a pointer" })
    }

    /// P0 and `helpers` functions, each calling the next.
    func callChain(helpers: Int) -> String {
        model("f0();", before: (0..<helpers).map { "void f\($0)(void) { \($0 + 1 < helpers ? "f\($0 + 1)();" : "") }\n" }.joined())
    }

    @Test func callChainDeeperThanTheLimit() {
        let error = firstError(callChain(helpers: LanguageLimits.callDepth))
        #expect(error?.message == "calls nest too deep (P0 -> f0 -> ... -> f254 -> f255): a chain of calls is at most 256 deep, the thread or callback included")
        #expect(error?.location.line == 3 + LanguageLimits.callDepth)
        guard case .program = compileSource(callChain(helpers: LanguageLimits.callDepth - 1)) else {
            Issue.record("a chain of 256 frames was rejected")
            return
        }
    }

    /// Each macro repeats the one before eight times: the fifth would be 8191 tokens.
    @Test func macrosBuiltFromMacrosAreBounded() {
        var lines = ["#define GROW0 1"]
        for level in 1..<6 { lines.append("#define GROW\(level) " + Array(repeating: "GROW\(level - 1)", count: 8).joined(separator: " + ")) }
        // The defines follow the header line, as herd7's `C name` comes first.
        let text = model("int r0 = GROW5;")
        let header = text.prefix { $0 != "\n" }
        let error = firstError(header + "\n" + lines.joined(separator: "\n") + text.dropFirst(header.count))
        #expect(error?.message == "cannot read the value of macro 'GROW4': macros expand to too many tokens here; at most 1048576 in a model and 4096 in one #define")
        #expect(error?.location.line == 6)
        #expect(error?.location.column == 1)
    }

    @Test func macroUsesAreBoundedTogether() {
        let big = "#define BIG " + Array(repeating: "0", count: 2048).joined(separator: ", ") + "\n"
        let uses = Array(repeating: "BIG", count: 300).joined(separator: ", ")
        let error = firstError("C robust\n" + big + "{ int a[1] = { \(uses) }; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\n")
        #expect(error?.message == "macros expand to too many tokens here; at most 1048576 in a model and 4096 in one #define")
        #expect(error?.location.line == 3)
        // 256 expansions of 4095 tokens fit in the budget; the 257th does not.
        #expect(error?.location.column == "{ int a[1] = { ".count + 1 + 5 * 256)
    }

    // MARK: Limits of the tool are inconclusive, never a verdict about the model

    @Test func longLocalLoopIsInconclusive() throws {
        let result = try check(source: model("int i = 0;\nwhile (1) { i++; }"))
        #expect(result.outcome == .inconclusive(reason: "P0 ran 1000000 instructions at line 6 without touching shared state, the most one step may; whether it loops forever is not known"))
    }

    /// Under lkmm, the graph explorer's search for the values each thread can
    /// write once went round an empty loop for ever, with no budget polled:
    /// ISA2+pooncelock+pooncelock+pombonce with nested `for (;;)` after
    /// P0's store. P0 never ends, so no execution completes: herd7's DEADLOCK.
    @Test func nestedEmptyLoopsEndUnderLKMM() throws {
        let loops = String(repeating: "for (;;) ", count: 100)
        let text = "C ISA2-loops\n{}\nP0(int *x, int *y, spinlock_t *l)\n{\n\tspin_lock(l);\n\tWRITE_ONCE(*x, 1);\n\t\(loops);\n"
            + "\tWRITE_ONCE(*y, 1);\n\tspin_unlock(l);\n}\nP1(int *y, int *z, spinlock_t *l)\n{\n\tint r0;\n\tspin_lock(l);\n"
            + "\tr0 = READ_ONCE(*y);\n\tWRITE_ONCE(*z, 1);\n\tspin_unlock(l);\n}\nP2(int *x, int *z)\n{\n\tint r1;\n\tint r2;\n"
            + "\tr2 = READ_ONCE(*z);\n\tsmp_mb();\n\tr1 = READ_ONCE(*x);\n}\nexists (1:r0=1 /\\ 2:r2=1 /\\ 2:r1=0)\n"
        guard case .program(let program) = compileSource(text, path: "isa2-loops.litmus") else { throw LoadFailure.invalid(diagnostics(of: text)) }
        let result = try ModelChecker.check(program, under: .lkmm, options: CheckOptions(maxStates: 20_000, timeLimit: 5)).get()
        #expect(result.verdict == .deadlock)
    }

    /// A loop that changes a local each round never repeats a local state;
    /// under lkmm it is inconclusive as under sc, not a deadlock verdict.
    @Test func longLocalLoopIsInconclusiveUnderLKMM() throws {
        guard case .program(let program) = compileSource(model("int i = 0;\nwhile (1) { i = !i; }")) else { throw LoadFailure.invalid([]) }
        let result = try ModelChecker.check(program, under: .lkmm, options: CheckOptions()).get()
        #expect(result.outcome == .inconclusive(reason: "P0 ran 1000000 instructions at line 6 without touching shared state, the most one step may; whether it loops forever is not known"))
    }

    /// The time limit counts from the start of the check and is polled
    /// before the search too: a limit already spent ends it at once.
    @Test func graphExplorerHonoursTheTimeLimit() throws {
        let text = "C spent\n{}\nP0(int *x)\n{\n\tint r0;\n\tWRITE_ONCE(*x, 1);\n\tr0 = READ_ONCE(*x);\n}\nexists (0:r0=1)\n"
        guard case .program(let program) = compileSource(text, path: "spent.litmus") else { throw LoadFailure.invalid(diagnostics(of: text)) }
        let cancelled = CancellationFlag()
        cancelled.raise()
        let interrupted = try ModelChecker.check(program, under: .lkmm, options: CheckOptions(cancellation: cancelled)).get()
        guard case .inconclusive(let reason) = interrupted.outcome else { Issue.record("\(interrupted.outcome)"); return }
        #expect(reason.hasPrefix("interrupted after "))
        let timed = try ModelChecker.check(program, under: .lkmm, options: CheckOptions(timeLimit: 1e-9)).get()
        guard case .inconclusive(let timedReason) = timed.outcome else { Issue.record("\(timed.outcome)"); return }
        #expect(timedReason.hasPrefix("time limit of 1e-09 s reached after "))
    }

    @Test func exhaustedAllocatorPoolIsInconclusive() throws {
        let text = "C robust\n(*\n * Config: pool=1\n *)\n{ int x = 0; }\nP0(int *x)\n{\n\tstruct page *a = alloc_page(GFP_KERNEL);\n\tstruct page *b = alloc_page(GFP_KERNEL);\n\tWRITE_ONCE(*x, 1);\n}\n"
        let result = try check(source: text)
        #expect(result.outcome == .inconclusive(reason: "every page of the allocator pool (1 page) is in use; raise it with Config: pool=N"))
    }

    @Test func oversizedKmallocIsInconclusive() throws {
        let result = try check(source: model("long *p = kmalloc(4096, GFP_KERNEL);\nWRITE_ONCE(*x, 1);"))
        #expect(result.outcome == .inconclusive(reason: "kmalloc of 4096 bytes: Grace models objects of up to page_words x 8 = 32 bytes (raise it with Config: page_words=N)"))
    }

    /// A number cast to a callback used to index past the function table.
    @Test func callRCUWithAForgedCallback() throws {
        let result = try check(source: "C robust\n{ struct page pg; }\nP0(struct page *pg) { call_rcu(&pg->rcu_head, (rcu_callback_t)0x100000000000FFFF); }\n")
        #expect(result.verdict == .violation(.bug))
        #expect(result.violation?.message == "call_rcu with 0x100000000000ffff, which is not a function")
    }

    /// Naming the holder of a lock word that holds no context once trapped on `Int64.min - 1`.
    @Test func unlockOfAForgedLockWord() throws {
        let result = try check(source: "C robust\n{ spinlock_t l = -9223372036854775808; }\nP0(spinlock_t *l) { spin_unlock(l); }\n")
        #expect(result.verdict == .violation(.unlockUnheld))
        #expect(result.violation?.message == "unlock of l, but it is held by no context (the lock word holds -9223372036854775808)")
    }

    /// Reference counts written through a wider pointer wrap when taken, as
    /// the interpreter's arithmetic does, instead of trapping.
    @Test func referenceCountsAtTheTopOfTheRange() throws {
        let text = "C robust\n{ struct page pg; struct mm_struct mm; }\nP0(struct page *pg, struct mm_struct *mm)\n{\n"
            + "\tlong *pages = (long *)&pg->_refcount;\n\tlong *users = (long *)&mm->mm_users;\n"
            + "\t*pages = 9223372036854775807;\n\t*users = 9223372036854775807;\n\tget_page(pg);\n\tmmget(mm);\n}\n"
            + "exists (pg._refcount=-9223372036854775808 /\\ mm.mm_users=-9223372036854775808)\n"
        #expect(try check(source: text).verdict == .always)
    }
}
