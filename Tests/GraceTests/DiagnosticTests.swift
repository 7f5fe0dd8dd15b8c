import Foundation
import GraceFrontend
import Testing

/// Bad input yields located diagnostics, never a crash and never a program.
@Suite struct DiagnosticTests {
    let header = "C test\n{ int x = 0; }\n"

    @Test func syntaxErrorIsLocatedWithCaret() {
        let messages = diagnostics(of: header + "P0(int *x)\n{\n\tWRITE_ONCE(*x, 1)\n}\n")
        #expect(messages.count == 1)
        #expect(messages.first == "test.grace:6:1: error: expected ';' after an expression, found '}'\n}\n^")
    }

    @Test func severalErrorsInOneRun() throws {
        let messages = diagnostics(of: header + "P0(int *x)\n{\n\tint *p = &q;\n\tfoo(x);\n\tWRITE_ONCE(*x, x);\n}\n")
        try #require(messages.count == 3)
        #expect(messages[0].hasPrefix("test.grace:5:12: error: use of undeclared name 'q'"))
        #expect(messages[1].hasPrefix("test.grace:6:2: error: unknown function or primitive 'foo'"))
        #expect(messages[2].hasPrefix("test.grace:7:17: error: type mismatch: value of WRITE_ONCE of 'int *' to 'int'"))
    }

    @Test func typeMismatch() {
        let messages = diagnostics(of: header + "P0(int *x)\n{\n\tatomic_inc(x);\n}\n")
        #expect(messages.first?.hasPrefix("test.grace:5:13: error: type mismatch: argument 1 of 'atomic_inc' must be 'atomic_t *', not 'int *'") == true)
    }

    @Test func pointerIntegerMixingNeedsACast() {
        let messages = diagnostics(of: header + "P0(int *x)\n{\n\tint r = x;\n}\n")
        #expect(messages.first?.contains("type mismatch: initialiser of 'r' of 'int *' to 'int'; an integer holding an address is an 'intptr_t'") == true)
        #expect(diagnostics(of: header + "P0(int *x)\n{\n\tintptr_t r = x;\n\tint *p = r;\n}\n").isEmpty)
    }

    @Test func wrongArgumentCount() {
        let messages = diagnostics(of: header + "P0(int *x)\n{\n\tWRITE_ONCE(*x);\n}\n")
        #expect(messages.first?.contains("'WRITE_ONCE' takes 2 arguments, not 1") == true)
        let helper = diagnostics(of: header + "void f(int a) { }\nP0(int *x)\n{\n\tf(1, 2);\n}\n")
        #expect(helper.first?.contains("'f' takes 1 argument, not 2") == true)
    }

    @Test func recursionIsAnError() {
        let messages = diagnostics(of: header +
            "void g(int a) { if (a) h(a - 1); }\nvoid h(int a) { g(a); }\nP0(int *x)\n{\n\tg(2);\n}\n")
        #expect(messages.contains { $0.contains("recursion is not allowed: g -> h -> g") })
    }

    @Test func unknownDirectiveAndVerdict() {
        let messages = diagnostics(of: "C test\n(*\n * Expcet: sc: pass\n * Expect: sc: passes\n * Config: tlb_flush=sometimes\n *)\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\n")
        #expect(messages.count == 3)
        #expect(messages[0].contains("unknown directive 'Expcet:'; did you mean 'Expect:'?"))
        #expect(messages[1].contains("unknown verdict 'passes'"))
        #expect(messages[2].contains("tlb_flush must be 'ipi' or 'broadcast', not 'sometimes'"))
    }

    /// tlb_remove_table() keeps its batch in a page and frees through the
    /// model's __tlb_remove_table(): a page too small for a table, or a hook
    /// it cannot call, is the model's error, located at the call.
    @Test func mmuGatherMisuse() {
        let unmap = "{ struct page pt; }\nP0(struct page *pt)\n{\n\tstruct mmu_gather tlb;\n\ttlb_gather_mmu(&tlb, NULL);\n\ttlb_remove_table(&tlb, pt);\n\ttlb_finish_mmu(&tlb);\n}\n"
        let value = diagnostics(of: "C test\n(*\n * Config: table_free=never\n *)\n" + unmap)
        #expect(value.first?.contains("test.grace:3:12: error: table_free must be 'rcu' or 'pages', not 'never'") == true)
        let small = diagnostics(of: "C test\n(*\n * Config: page_words=3\n *)\n" + unmap)
        #expect(small.first?.contains("test.grace:10:2: error: 'tlb_remove_table' keeps its table batch in a page (an rcu_head, a count and the tables): it needs Config: page_words=4 or more") == true)
        #expect(diagnostics(of: "C test\n(*\n * Config: page_words=3 table_free=pages\n *)\n" + unmap).isEmpty)
        let hook = diagnostics(of: "C test\nint __tlb_remove_table(void *table, int half) { return 0; }\n" + unmap)
        #expect(hook.first?.contains("test.grace:8:2: error: 'tlb_remove_table' frees each table with the model's __tlb_remove_table, which must take one argument (void *table) and return void") == true)
    }

    @Test func emptyFile() {
        let messages = diagnostics(of: "")
        #expect(messages == ["test.grace:1:1: error: empty model: expected 'C <name>' on the first line\n\n^"])
    }

    @Test func binaryFile() {
        let bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]
        guard case .invalid(_, let found) = ModelLoader.compile(SourceFile(path: "a.out", bytes: bytes)) else {
            Issue.record("a binary file compiled")
            return
        }
        #expect(found.first?.message == "this is a binary file, not a model (NUL byte)")
        #expect(found.first?.location.line == 1)
    }

    /// A megabyte of random bytes (a fixed seed, so the same bytes each run).
    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 0x5EED)
        for round in 0..<2 {
            var bytes = (0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 1 { bytes = bytes.map { $0 == 0 ? 32 : $0 } }
            guard case .invalid(_, let found) = ModelLoader.compile(SourceFile(path: "noise", bytes: bytes)) else {
                Issue.record("random bytes compiled")
                return
            }
            #expect(!found.isEmpty)
            #expect(found.count <= 21)
        }
    }

    @Test func randomPrintableSourceNeverCrashes() {
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("P0(){}[];,.*&|^!~<>=+-/%?:'\"x1 \n\tint spin_lock exists /\\ \\/ (* *) struct".utf8)
        for _ in 0..<200 {
            let bytes = (0..<400).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if case .program = ModelLoader.compile(SourceFile(path: "fuzz", bytes: Array("C fuzz\n{}\n".utf8) + bytes)) {
                continue
            }
        }
    }
}

/// A small fixed-seed generator for reproducible noise.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
