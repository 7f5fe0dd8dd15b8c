import Foundation
import GraceCLI
import Testing

/// `grace` end to end: exit codes, output shapes, determinism.
@Suite struct CLITests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grace-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let reuse = """
        C rcu-head-reuse
        (*
         * Expect: sc: violation rcu-head-reuse
         *)
        { struct page pg; }
        void cb(struct rcu_head *head) { }
        P0(struct page *pg)
        {
        \tcall_rcu(&pg->rcu_head, cb);
        \tcall_rcu(&pg->rcu_head, cb);
        }
        """

    /// A model that compiles with warnings is checked, and the warnings are shown.
    @Test func warningsArePrintedAndTheModelIsChecked() throws {
        let path = try write("unset.litmus", "C unset\n{}\nP0(int *x) { WRITE_ONCE(*x, r9); }\nexists (x=0)\n")
        let run = runGrace(["check", path])
        #expect(run.code == .success)
        #expect(run.output.contains("[sc]: always"))
        #expect(run.error.contains("unset.litmus:3:29: warning: 'r9' is never declared or set in P0; it reads 0, as herd7 reads an unset register"))
    }

    @Test func versionAndHelp() {
        let version = runGrace(["version"])
        #expect(version.code == .success)
        #expect(version.output == "grace \(GraceCommand.version)\n")
        let help = runGrace(["help", "check"])
        #expect(help.code == .success)
        #expect(help.output.contains("--max-states N"))
    }

    @Test func usageErrorsExit64() {
        #expect(runGrace([]).code == .usage)
        #expect(runGrace(["frobnicate"]).code == .usage)
        #expect(runGrace(["check", "--format", "xml"]).code == .usage)
        let unknownModel = runGrace(["check", "--memory", "arm64", "x.litmus"])
        #expect(unknownModel.code == .usage)
        #expect(unknownModel.error.contains("--memory takes sc, tso, lkmm or all, not 'arm64'"))
        #expect(runGrace(["check", "/nonexistent/model.grace"]).code == .usage)
    }

    @Test func expectedViolationExitsZeroAndPrintsTheTrace() throws {
        let path = try write("reuse.grace", Self.reuse)
        let run = runGrace(["check", path])
        #expect(run.code == .success)
        #expect(run.output.contains("ok     \(path) [sc]: violation rcu-head-reuse (expected violation rcu-head-reuse)"))
        #expect(run.output.contains("call_rcu on &pg.rcu_head, which is still queued for cb"))
        // The shortest trace: two steps, each call_rcu on CPU0.
        #expect(run.output.contains("1  CPU0 task    P0:9  call_rcu(&pg->rcu_head, cb);"))
        #expect(run.output.contains("2  CPU0 task    P0:10  call_rcu(&pg->rcu_head, cb);"))
        #expect(!run.output.contains("\n     3  "))
    }

    @Test func unexpectedVerdictExitsOne() throws {
        let path = try write("wrong.grace", Self.reuse.replacingOccurrences(of: "violation rcu-head-reuse", with: "pass"))
        let run = runGrace(["check", path])
        #expect(run.code == .failure)
        #expect(run.output.contains("FAIL   \(path) [sc]: violation rcu-head-reuse (expected pass)"))
    }

    @Test func invalidModelExits65WithLocatedMessage() throws {
        let path = try write("bad.grace", "C bad\n{}\nP0(int *x)\n{\n\tWRITE_ONCE(*x 1);\n}\n")
        let run = runGrace(["check", path])
        #expect(run.code == .invalidModel)
        #expect(run.error.contains("\(path):5:16: error: expected ')' to close the arguments of 'WRITE_ONCE', found number '1'"))
        #expect(run.error.contains("\tWRITE_ONCE(*x 1);\n\t              ^"))
        #expect(!run.output.contains("pass"))
    }

    @Test func stateBudgetGivesInconclusiveExit2() throws {
        let path = try write("big.grace", """
            C big
            (*
             * Expect: sc: pass
             *)
            { int x = 0; }
            P0(int *x) { int i; for (i = 0; i < 6; i++) WRITE_ONCE(*x, i); }
            P1(int *x) { int i; for (i = 0; i < 6; i++) WRITE_ONCE(*x, i); }
            P2(int *x) { int i; for (i = 0; i < 6; i++) WRITE_ONCE(*x, i); }
            """)
        let run = runGrace(["check", path, "--max-states", "50"])
        #expect(run.code == .inconclusive)
        #expect(run.output.contains("INCONCLUSIVE  \(path) [sc]: state budget of 50 states exhausted"))
        #expect(!run.output.contains("ok "))
    }

    /// A time or memory budget too small for the model ends inconclusive too.
    @Test func timeAndMemoryBudgetsGiveInconclusive() throws {
        let model = packageRoot.appendingPathComponent("Models/s390/pte-free-defer-v6.6-large.grace").path
        let timed = runGrace(["check", model, "--time-limit", "0.000001"])
        #expect(timed.code == .inconclusive)
        #expect(timed.output.contains("time limit of"))
        let bounded = runGrace(["check", model, "--memory-limit", "0.01"])
        #expect(bounded.code == .inconclusive)
        #expect(bounded.output.contains("memory limit of"))
    }

    @Test func jsonDocument() throws {
        let path = try write("reuse.grace", Self.reuse)
        let run = runGrace(["check", path, "--format", "json"])
        #expect(run.code == .success)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(document["grace"] as? String == GraceCommand.version)
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let result = results[0]
        #expect(result["verdict"] as? String == "violation")
        #expect(result["kind"] as? String == "rcu-head-reuse")
        #expect(result["memory"] as? String == "sc")
        #expect(result["asExpected"] as? Bool == true)
        let trace = try #require(result["trace"] as? [String: Any])
        #expect((trace["steps"] as? [Any])?.count == 2)
        let stats = try #require(result["stats"] as? [String: Any])
        // The initial state, after the first call_rcu, and after softirq ran
        // the (at once ready: no CPU was reading) callback; the search stops
        // at depth 2, where the second call_rcu hits the queued head.
        #expect(stats["states"] as? Int == 3)
    }

    @Test func sameCommandTwiceGivesIdenticalOutput() throws {
        let models = packageRoot.appendingPathComponent("Tests/GraceTests/Fixtures/kernel").path
        let first = runGrace(["check", models, "--format", "json"])
        let second = runGrace(["check", models, "--format", "json"])
        let strip = { (text: String) in text.split(separator: "\n").filter { !$0.contains("\"seconds\"") && !$0.contains("peakMemoryBytes") }.joined(separator: "\n") }
        #expect(strip(first.output) == strip(second.output))
        let textFirst = runGrace(["check", models])
        let textSecond = runGrace(["check", models])
        #expect(textFirst.output == textSecond.output)
        #expect(textFirst.code == .success)
        #expect(textFirst.output.contains("Counterexample for"))
    }

    @Test func traceDirectoryWritesOneFilePerCounterexample() throws {
        let path = try write("reuse.grace", Self.reuse)
        let directory = scratch.appendingPathComponent("traces").path
        let run = runGrace(["check", path, "--trace-dir", directory])
        #expect(run.code == .success)
        let trace = try String(contentsOfFile: directory + "/reuse.sc.txt", encoding: .utf8)
        #expect(trace.hasPrefix("Counterexample for rcu-head-reuse under sc: violation rcu-head-reuse\n"))
    }

    /// Two families holding a model of the same name each keep their trace
    /// and chart, named after their folder, instead of one overwriting the other.
    @Test func sameNamedModelsOfTwoFamiliesKeepApart() throws {
        let families = ["powerpc", "s390"]
        for family in families {
            try FileManager.default.createDirectory(at: scratch.appendingPathComponent("models/\(family)"),
                                                    withIntermediateDirectories: true)
            _ = try write("models/\(family)/reuse.grace", Self.reuse.replacingOccurrences(of: "C rcu-head-reuse", with: "C \(family)-reuse"))
        }
        let traces = scratch.appendingPathComponent("traces").path
        let charts = scratch.appendingPathComponent("charts").path
        let run = runGrace(["check", scratch.appendingPathComponent("models").path, "--trace-dir", traces, "--svg", charts])
        #expect(run.code == .success)
        for family in families {
            let trace = try String(contentsOfFile: "\(traces)/\(family)-reuse.sc.txt", encoding: .utf8)
            #expect(trace.hasPrefix("Counterexample for \(family)-reuse under sc"))
            #expect(FileManager.default.fileExists(atPath: "\(charts)/\(family)-reuse.sc.svg"))
        }
        #expect(!FileManager.default.fileExists(atPath: "\(traces)/reuse.sc.txt"))
    }

    @Test func checkHelpPrintsTheCommandsHelp() {
        for flag in ["--help", "-h"] {
            let run = runGrace(["check", flag])
            #expect(run.code == .success)
            #expect(run.output.hasPrefix("usage: grace check"))
            #expect(run.output.contains("--max-states N"))
        }
        let beside = runGrace(["check", "Models", "--stats", "-h"])
        #expect(beside.code == .success)
        #expect(beside.output.hasPrefix("usage: grace check"))
    }

    @Test func helpOnAnUnknownTopicIsAUsageError() {
        let run = runGrace(["help", "frobnicate"])
        #expect(run.code == .usage)
        #expect(run.error.contains("no help for 'frobnicate'"))
        #expect(run.output.isEmpty)
        #expect(runGrace(["help", "version"]).code == .success)
    }

    @Test func versionEndsWithANewline() {
        for spelling in ["version", "--version"] {
            let run = runGrace([spelling])
            #expect(run.output.hasSuffix("\n"))
            #expect(run.output.split(separator: "\n").count == 1)
        }
    }

    /// A folder without a model is a mistake in the command, not a pass.
    @Test func aFolderWithoutModelsIsAnError() throws {
        let empty = scratch.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try "not a model".write(to: empty.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let run = runGrace(["check", empty.path])
        #expect(run.code == .usage)
        #expect(run.error.contains("no models (.grace or .litmus files) in \(empty.path)"))
        #expect(!run.output.contains("ok"))
    }

    /// Every bad Config entry is reported, each at its own column.
    @Test func everyConfigErrorIsReported() throws {
        let path = try write("config.grace", """
            C config
            (* Config: tlb_flush=sometimes rcu=never cpus=zero *)
            { int x = 0; }
            P0(int *x) { WRITE_ONCE(*x, 1); }
            """)
        let run = runGrace(["check", path])
        #expect(run.code == .invalidModel)
        #expect(run.error.contains("\(path):2:12: error: tlb_flush must be 'ipi' or 'broadcast', not 'sometimes'"))
        #expect(run.error.contains("\(path):2:32: error: rcu must be 'consolidated' or 'pre-4.20', not 'never'"))
        #expect(run.error.contains("\(path):2:42: error: cpus must be"))
    }

    /// herd7's Result line is an expectation under lkmm; a model that states
    /// no other expectation is judged there, and only there.
    @Test func aResultLineIsJudgedUnderLKMM() throws {
        let path = try write("sb.litmus", """
            C SB
            (* Result: Sometimes *)
            { }
            P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }
            P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); r0 = READ_ONCE(*x); }
            exists (0:r0=0 /\\ 1:r0=0)
            """)
        let program = try loadProgram(path)
        #expect(program.directives.judgedMemoryModels == [.lkmm])
        #expect(program.directives.expectation(for: .lkmm)?.verdict == .sometimes)
        #expect(program.directives.expectation(for: .sc) == nil)
        let run = runGrace(["check", path])
        #expect(run.output.contains("[lkmm]"))
        #expect(!run.output.contains("[sc]"))
        #expect(run.code == .success)
        #expect(run.output.contains("ok     \(path) [lkmm]: sometimes (expected sometimes)"))
    }
}
