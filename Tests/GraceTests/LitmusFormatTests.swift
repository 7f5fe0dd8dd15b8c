import Foundation
import GraceExplorer
import GraceFrontend
import GraceSemantics
import Testing

/// The C litmus format as herd7 reads it: each form parses and means what
/// herd7 means by it, and the forms herd7 rejects get a located error.
@Suite struct LitmusFormatTests {
    static let writeX = "{\n}\n\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\n\nexists (x=1)\n"

    func program(_ text: String) throws -> Program {
        switch compileSource(text, path: "test.litmus") {
        case .program(let program): return program
        case .invalid(let file, let found): throw LoadFailure.invalid(found.map { $0.rendered(in: file) })
        }
    }

    func errors(_ text: String) -> [String] {
        switch compileSource(text, path: "test.litmus") {
        case .program: return []
        case .invalid(_, let found): return found.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        }
    }

    // MARK: Header

    @Test func namesHoldAnyCharacterButWhitespace() throws {
        for name in ["C-3.2W+poonceonce+pooncerelease", "auto/C-LB-GRR+R-A", "MP+[fr]+x:y", "na$me@1"] {
            #expect(try program("C \(name)\n" + Self.writeX).name == name)
        }
        #expect(try program("C MP+o (* the name ends at a comment *)\n" + Self.writeX).name == "MP+o")
    }

    @Test func descriptionAndMetadataAreKeptAsWritten() throws {
        let test = try program("""
            C 2+2W+poonceonce
            "PodWWOnceOnce WseOnceOnce
            PodWWOnceOnce WseOnceOnce"
            Cycle=PodWWOnceOnce WseOnceOnce PodWWOnceOnce WseOnceOnce
            Relax=
            Prefetch=0:x=F,0:y=W,1:y=F,1:x=W
            (* Result: Never *)
            Generator=diy7 (version 7.57)
            
            """ + Self.writeX)
        #expect(test.description == "PodWWOnceOnce WseOnceOnce\nPodWWOnceOnce WseOnceOnce")
        #expect(test.metadata.map(\.key) == ["Cycle", "Relax", "Prefetch", "Generator"])
        #expect(test.metadata.map(\.value) == ["PodWWOnceOnce WseOnceOnce PodWWOnceOnce WseOnceOnce", "", "0:x=F,0:y=W,1:y=F,1:x=W", "diy7 (version 7.57)"])
        #expect(test.metadata[2].location.line == 6)
        #expect(test.directives.result == .never)
    }

    @Test func descriptionOnTheNameLine() throws {
        let test = try program("C SB \"Fre PodWR Fre PodWR\";\n" + Self.writeX)
        #expect(test.name == "SB")
        #expect(test.description == "Fre PodWR Fre PodWR")
    }

    @Test func badHeadersAreLocated() {
        #expect(errors("X86 SB\n" + Self.writeX).first == "1:1: Grace reads C litmus tests; 'X86' tests are written for another architecture")
        #expect(errors("C\n" + Self.writeX).first == "1:2: expected the model's name after 'C'")
        #expect(errors("C SB\n\"never closed\n" + Self.writeX).first == "2:1: unterminated description string in the test's header")
        #expect(errors("C SB extra words\n" + Self.writeX).first == "1:6: unexpected text in the test's header: 'extra'")
    }

    // MARK: Registers

    func verdict(_ text: String) throws -> Verdict? {
        check(try program(text)).verdict
    }

    /// herd7's registers need no declaration: the code assigns them, the
    /// init block sets them, or the condition reads them (0 if nothing does).
    @Test func registersNeedNoDeclaration() throws {
        #expect(try verdict(#"""
            C undeclared
            { x = 1; }
            P0(int *x) { r1 = READ_ONCE(*x); r2 = r1 + 1; }
            exists (0:r1=1 /\ 0:r2=2 /\ 0:r9=0)
            """#) == .always)
        #expect(try verdict(#"""
            C initialised
            { 0:r3=y; }
            P0(int *x) { WRITE_ONCE(*r3, 2); }
            exists (y=2 /\ 0:r3=y)
            """#) == .always)
    }

    /// One register per name: a value declared inside a block is the
    /// register the condition and later code read; a declaration does not
    /// clear what the init block set, and its initialiser can read it.
    @Test func aRegisterIsOneNamePerThread() throws {
        #expect(try verdict(#"""
            C blocks
            {}
            P0(int *x) { int r1 = 1; if (r1) { int r2 = 5; } r3 = r2 + 1; }
            exists (0:r2=5 /\ 0:r3=6)
            """#) == .always)
        #expect(try verdict(#"""
            C kept
            { 0:r1=5; 0:r4=1; }
            P0(int *x) { int r1; intptr_t r4 = (r4 == 1); WRITE_ONCE(*x, r1 + r4); }
            exists (x=6)
            """#) == .always)
    }

    /// A register nothing sets reads 0 in herd7 and here, with a warning:
    /// it is most likely a typo. `*r0 = 1` sets nothing, so r0 is read.
    @Test func anUnsetRegisterReadsZeroWithAWarning() throws {
        let test = try program("C typo\n{ x = 5; }\nP0(int *x) { WRITE_ONCE(*x, vaule); }\nexists (x=0)\n")
        #expect(check(test).verdict == .always)
        #expect(test.warnings.map { "\($0.location.line):\($0.location.column): \($0.message)" }
            == ["3:29: 'vaule' is never declared or set in P0; it reads 0, as herd7 reads an unset register"])
        #expect(errors("C helper\n{}\nvoid f(void) { g = vaule; }\nP0(int *x) { f(); }\n").first == "3:16: use of undeclared name 'g'")
    }

    /// herd7 reads through an address an `int` register holds; so does Grace,
    /// with a hint that `intptr_t` says it better. x holds y's address, y is 1.
    @Test func anIntRegisterHoldingAnAddressCanBeDereferenced() throws {
        let test = try program("C int-as-pointer\n{ x=y; y=1; }\nP0(int *x) { int r1; int r2; r1 = READ_ONCE(*x); r2 = READ_ONCE(*r1); }\nexists (0:r2=1)\n")
        #expect(check(test).verdict == .always)
        #expect(test.warnings.map { "\($0.location.line):\($0.location.column): \($0.message)" }
            == ["3:65: dereferencing 'int' as herd7 does; an address is better held in 'intptr_t' or a pointer"])
    }

    // MARK: Final conditions

    func condition(_ clause: String) throws -> Verdict? {
        try verdict("""
            C condition
            { p=y; }
            P0(int *x, int **p, int *y)
            {
            	int r1 = READ_ONCE(*x);
            	int *r2 = READ_ONCE(*p);
            	WRITE_ONCE(*x, -2);
            }
            P1(int *x) { int r1 = 3; }
            \(clause)
            """)
    }

    @Test(arguments: [
        ("exists (0:r1=0 /\\ x=-2)", Verdict.always),
        ("exists (0:r1=1 \\/ x=-2)", .always),
        ("exists ~(0:r1=1)", .always),
        ("exists not (0:r1=0)", .never),
        ("exists (true)", .always),
        ("exists false", .never),
        ("exists ((0:r1=0) /\\ ((x=-2)))", .always),
        ("exists (0:r2=y /\\ p=y)", .always),
        ("exists (x=0xfffffffe)", .never),
        ("exists (x != -2)", .never),
        ("exists (x == -2)", .always),
        ("exists (x <> -2)", .never),
        ("exists (0:r1=1 => x=5)", .always),
        ("exists (x=5 /\\ 0:r1=0 => false)", .never),
        ("exists (0:r1=1 => x=-2 => false)", .always),
        ("final (x=-2)", .always),
        ("exists (P0:r1=0 /\\ P1:r1=3)", .always),
        ("exists ([x]=-2)", .always),
        ("exists (x=[y])", .never),
        ("exists (0:r2=*p)", .always),
        ("exists (1:r1=0:r1)", .never),
        ("exists (0:r1=0:r1)", .always),
        ("exists (y[0]=0 /\\ p=y[0])", .always),
        ("locations [x; 0:r1; y int*;]\nexists (x=-2)", .always),
        ("locations []\nfilter (0:r1=0)\nexists (x=-2)", .always),
        ("forall (x=-2)", .always),
        ("~exists (x=1)", .never),
        ("~ exists (x=-2)", .always),
        ("exists x=-2 \\/ x=-3 /\\ x=4", .always),
        ("exists (x=-2) with tso: exists; lkmm: ~exists;", .always),
        ("observed 0:r1=0; x=-2; and x=1;", .always),
        ("exists (z=0 /\\ 1:r7=0) (* z and 1:r7 are named only here *)", .always),
    ])
    func conditionForms(_ clause: String, _ expected: Verdict) throws {
        #expect(try condition(clause) == expected)
    }

    @Test(arguments: [
        ("exists (0:r2=&y)", "10:14: herd7 writes an address without '&': 'p=x' compares p with the address of x"),
        ("exists (x = - 2)", "10:13: expected a decimal number right after '-', as in 'x=-1'"),
        ("exists (x=-0x2)", "10:11: expected a decimal number right after '-', as in 'x=-1'"),
        ("exists (x=1)\nlocations [x]", "11:1: 'locations' is out of place: the final clauses come in the order locations, filter, then the condition, once each"),
        ("exists (x=1) exists (x=2)", "10:14: 'exists' is out of place: the final clauses come in the order locations, filter, then the condition, once each"),
        ("exists (x=1)\nP2(int *x) { }", "11:1: expected the end of the test after its final clauses, found 'P2'"),
        ("not exists (x=1)", "10:1: expected a thread 'P0(...)', a function, or a final condition, found 'not'"),
        ("exists (x=-2 /\\)", "10:16: expected a location (a shared variable or thread:register), found ')'"),
        ("exists (2:r1=0)", "10:9: there is no thread P2"),
    ])
    func conditionErrors(_ clause: String, _ message: String) {
        #expect(errors("""
            C condition
            { p=y; }
            P0(int *x, int **p, int *y)
            {
            \tint r1 = READ_ONCE(*x);
            \tint *r2 = READ_ONCE(*p);
            \tWRITE_ONCE(*x, -2);
            }
            P1(int *x) { int r1 = 3; }
            \(clause)
            """).first == message)
    }

    // MARK: Init block

    /// `x2=y2;` makes x2 hold y2's address, y2 declared by being named;
    /// the thread follows the address it reads.
    @Test func aNameInitialisesWithItsAddress() throws {
        #expect(try verdict(#"""
            C address
            { x2=y2; }
            P0(intptr_t *x2) { intptr_t r1 = READ_ONCE(*x2); WRITE_ONCE(*r1, 3); }
            exists (x2=y2 /\ 0:r1=y2 /\ y2=3)
            """#) == .always)
        // herd7: `int x = y` is read as `int x = &y`; the int keeps the whole address.
        #expect(try verdict(#"""
            C intaddress
            { int x = y; int y = 2; }
            P0(int *x) { int r1 = READ_ONCE(*x); }
            exists (x=y /\ 0:r1=y /\ y=2)
            """#) == .always)
    }

    @Test(arguments: [
        ("int *p = &x;", "p=x"),
        ("int* p = &x;", "p=x"),
        ("p=&x;", "p=x"),
        ("int *p = x;", "p=x"),
        ("*p = x;", "p=x"),
        ("int *p;", "p=0"),
        ("int *p = 0; int x = 1", "p=0 /\\ x=1"),
        ("P0:r5=x; int *p = &x;", "0:r5=x"),
        ("int **pp = &p; int *p = &x;", "pp=p /\\ p=x"),
        ("a=b; b=c; c=5;", "a=b /\\ b=c /\\ c=5"),
        ("intptr_t a = 5; uintptr_t b = 3; long c = -1; unsigned long d = 0x10;", "a=5 /\\ b=3 /\\ c=-1 /\\ d=16"),
        ("atomic_t v = ATOMIC_INIT(3);", "v=3"),
        ("char k = 1; int m = 0x7fffffff;", "k=1 /\\ m=2147483647"),
    ])
    func initForms(_ entries: String, _ holds: String) throws {
        #expect(try verdict("C init\n{ \(entries) }\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (\(holds) /\\ x=1)\n") == .always)
    }

    @Test func initErrorsAreLocated() {
        #expect(errors("C twice\n{ x=1; x=2; }\nP0(int *x) { }\n").first == "2:8: 'x' is declared twice in the init block")
        #expect(errors("C nothread\n{ 1:r0=1; }\nP0(int *x) { }\n").first == "2:5: there is no thread P1")
    }

    // MARK: Threads

    /// Idle threads P0 to P(n-1) around the given ones, in herd7 form.
    func threads(_ count: Int, busy: [Int: String]) -> String {
        (0..<count).map { index in busy[index] ?? "P\(index)(int *x)\n{\n\tint r0 = \(index);\n}\n" }.joined(separator: "\n")
    }

    /// CPU sets are 64-bit masks, so a test may have 64 threads and no more.
    @Test func upToSixtyFourThreads() throws {
        #expect(try program("C many\n{}\n" + threads(64, busy: [:]) + "exists (x=0)\n").threads.count == 64)
        #expect(errors("C toomany\n{}\n" + threads(65, busy: [:]) + "exists (x=0)\n").first
            == "323:1: at most 64 threads, P0 to P63: each runs on its own CPU and sets of CPUs are 64-bit masks")
        #expect(errors("C cpus\n(* Config: cpus=65 *)\n{}\nP0(int *x) { }\n").first == "2:12: cpus must be a number from 1 to 64, not '65'")
    }

    /// A grace period on the next-to-last CPU waits for the reader on the
    /// last, which read x before the grace period began: reader masks work
    /// past bit 16 and up to bit 63.
    @Test(arguments: [20, 64])
    func gracePeriodsSpanEveryCPU(count: Int) throws {
        let writer = count - 2
        let reader = count - 1
        let text = "C rcu\(count)\n{}\n" + threads(count, busy: [
            writer: "P\(writer)(int *x, int *y)\n{\n\tWRITE_ONCE(*x, 1);\n\tsynchronize_rcu();\n\tWRITE_ONCE(*y, 1);\n}\n",
            reader: "P\(reader)(int *x, int *y)\n{\n\trcu_read_lock();\n\tint r1 = READ_ONCE(*x);\n\tint r2 = READ_ONCE(*y);\n\trcu_read_unlock();\n}\n",
        ]) + "exists (\(reader):r1=0 /\\ \(reader):r2=1)\n"
        #expect(try verdict(text) == .never)
        #expect(try verdict(text.replacingOccurrences(of: "synchronize_rcu();", with: "")) == .sometimes)
    }

    // MARK: SRCU

    /// RCU+sync+read with SRCU: a reader inside when synchronize_srcu() is
    /// called holds it up; a reader of another srcu_struct, or of plain
    /// RCU, does not.
    @Test(arguments: [
        ("srcu_read_lock(s)", "srcu_read_unlock(s, idx)", Verdict.never),
        ("srcu_read_lock(t)", "srcu_read_unlock(t, idx)", .sometimes),
        ("0; rcu_read_lock()", "rcu_read_unlock()", .sometimes),
    ])
    func synchronizeSRCUWaitsForItsOwnReaders(_ lock: String, _ unlock: String, _ expected: Verdict) throws {
        #expect(try verdict("""
            C srcu-sync-read
            { struct srcu_struct s; }
            P0(int *x, int *y, struct srcu_struct *s, struct srcu_struct *t)
            {
            \tint idx = \(lock);
            \tint r1 = READ_ONCE(*x);
            \tint r2 = READ_ONCE(*y);
            \t\(unlock);
            \tsmp_mb__after_srcu_read_unlock();
            }
            P1(int *x, int *y, struct srcu_struct *s)
            {
            \tWRITE_ONCE(*x, 1);
            \tsynchronize_srcu_expedited(s);
            \tWRITE_ONCE(*y, 1);
            }
            exists (0:r1=0 /\\ 0:r2=1)
            """) == expected)
    }

    /// srcu_down_read() on one thread, srcu_up_read() on another: the
    /// reader is the index, wherever it goes.
    @Test(arguments: [true, false])
    func readersMigrate(synchronizing: Bool) throws {
        #expect(try verdict("""
            C srcu-migrate
            {}
            P0(int *y, int *handoff, struct srcu_struct *s)
            {
            \tint idx = srcu_down_read(s);
            \tint r2 = READ_ONCE(*y);
            \tsmp_store_release(handoff, idx + 1);
            }
            P1(int *x, int *handoff, struct srcu_struct *s)
            {
            \tint r3 = 0;
            \twhile (r3 == 0)
            \t\tr3 = smp_load_acquire(handoff);
            \tint r1 = READ_ONCE(*x);
            \tsrcu_up_read(s, r3 - 1);
            }
            P2(int *x, int *y, struct srcu_struct *s)
            {
            \tWRITE_ONCE(*y, 1);
            \t\(synchronizing ? "synchronize_srcu(s);" : "")
            \tWRITE_ONCE(*x, 1);
            }
            exists (1:r1=1 /\\ 0:r2=0)
            """) == (synchronizing ? .never : .sometimes))
    }

    /// Waiting inside one's own reader of the same srcu_struct never ends.
    @Test func synchronizeInsideOwnReaderDeadlocks() throws {
        let text = """
            C srcu-self
            {}
            P0(int *x, struct srcu_struct *s, struct srcu_struct *t)
            {
            \tint idx = srcu_read_lock(s);
            \tsynchronize_srcu(s);
            \tsrcu_read_unlock(s, idx);
            \tWRITE_ONCE(*x, 1);
            }
            exists (x=1)
            """
        #expect(try verdict(text) == .violation(.deadlock))
        #expect(try verdict(text.replacingOccurrences(of: "synchronize_srcu(s)", with: "synchronize_srcu(t)")) == .always)
    }

    @Test func unmatchedUnlockIsAWarning() throws {
        #expect(try verdict("C srcu-unmatched\n{}\nP0(struct srcu_struct *s) { srcu_read_unlock(s, 0); }\n") == .violation(.warning))
        #expect(errors("C srcu-type\n{}\nP0(int *s) { int i = srcu_read_lock(s); }\n").first
            == "3:37: type mismatch: argument 1 of 'srcu_read_lock' must be 'struct srcu_struct *', not 'int *'")
    }

    /// linux-kernel.def's smp_store_mb(x, v): WRITE_ONCE then smp_mb().
    @Test func storeWithFullBarrier() throws {
        let test = try program(#"""
            C SB+storembs
            {}
            P0(int *x, int *y) { int r0; smp_store_mb(*x, 1); r0 = READ_ONCE(*y); }
            P1(int *x, int *y) { int r0; smp_store_mb(*y, 1); r0 = READ_ONCE(*x); }
            exists (0:r0=0 /\ 1:r0=0)
            """#)
        #expect(check(test).verdict == .never)
        #expect(test.functions[0].code.contains { if case .fence(.full) = $0 { return true } else { return false } })
    }

    // MARK: The format corpus

    struct FormatCase: CustomTestStringConvertible, Sendable {
        var file: String
        var sc: Verdict
        var lkmm: Verdict
        var testDescription: String { file }
    }

    static let formatFolder = packageRoot.appendingPathComponent("Tests/GraceTests/Litmus/format")

    /// Litmus/format-expected.tsv: file, sc verdict (reasoned by hand),
    /// herd7's lkmm verdict, the reason for the sc verdict.
    static let formatCases: [FormatCase] = {
        let table = packageRoot.appendingPathComponent("Tests/GraceTests/Litmus/format-expected.tsv").path
        guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let sc = Verdict(spelled: String(fields[1])), let lkmm = Verdict(spelled: String(fields[2])) else {
                return nil
            }
            return FormatCase(file: String(fields[0]), sc: sc, lkmm: lkmm)
        }
    }()

    @Test func everyFormatTestHasAVerdict() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.formatFolder.path).filter { $0.hasSuffix(".litmus") }
        #expect(files.count >= 40)
        #expect(Set(Self.formatCases.map(\.file)) == Set(files))
    }

    @Test(arguments: formatCases)
    func formatTestParsesAndGetsItsVerdict(_ testCase: FormatCase) throws {
        let test = try loadProgram(Self.formatFolder.appendingPathComponent(testCase.file).path)
        #expect(test.condition != nil)
        #expect(test.warnings.isEmpty)
        #expect(check(test).verdict == testCase.sc)
    }

    /// Under lkmm, on the graph explorer, each test gets herd7's verdict.
    @Test(arguments: formatCases)
    func formatTestGetsHerdVerdictUnderLKMM(_ testCase: FormatCase) throws {
        let test = try loadProgram(Self.formatFolder.appendingPathComponent(testCase.file).path)
        let result = exploreGraphs(test, checker: LKMMConsistency())
        #expect(result.verdict == testCase.lkmm, "positive \(result.positive), negative \(result.negative), \(result.unsupported ?? result.inconclusive ?? "")")
    }
}
