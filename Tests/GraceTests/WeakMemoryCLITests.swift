import Foundation
import GraceCLI
import Testing

/// `grace check` under tso and lkmm: Result lines judged under lkmm, Expect
/// lines per model, the data-race flag, DEADLOCK, unsupported primitives.
@Suite struct WeakMemoryCLITests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grace-weak-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let storeBuffering = """
        C SB
        (*
         * Result: Sometimes
         *)
        {}
        P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }
        P1(int *x, int *y) { int r1; WRITE_ONCE(*y, 1); r1 = READ_ONCE(*x); }
        exists (0:r0=0 /\\ 1:r1=0)
        """

    /// A Result line alone means a check under lkmm, judged against it.
    @Test func resultLineIsJudgedUnderLKMM() throws {
        let path = try write("sb.litmus", Self.storeBuffering)
        let run = runGrace(["check", path])
        #expect(run.code == .success)
        #expect(run.output == "ok     \(path) [lkmm]: sometimes (expected sometimes) [1 of 4 executions satisfy the condition]\n")
        let wrong = try write("sb-never.litmus", Self.storeBuffering.replacingOccurrences(of: "Result: Sometimes", with: "Result: Never"))
        let failed = runGrace(["check", wrong])
        #expect(failed.code == .failure)
        #expect(failed.output.contains("FAIL   \(wrong) [lkmm]: sometimes (expected never)"))
    }

    @Test func everyModelWithMemoryAll() throws {
        let path = try write("sb.litmus", Self.storeBuffering.replacingOccurrences(of: " * Result: Sometimes", with: " * Result: Sometimes\n * Expect: sc: never\n * Expect: tso: sometimes"))
        let run = runGrace(["check", path, "--memory", "all"])
        #expect(run.code == .success)
        #expect(run.output.contains("ok     \(path) [sc]: never (expected never) [0 of 3 final states satisfy the condition]"))
        #expect(run.output.contains("ok     \(path) [tso]: sometimes (expected sometimes) [1 of 4 final states satisfy the condition]"))
        #expect(run.output.contains("ok     \(path) [lkmm]: sometimes (expected sometimes)"))
    }

    /// `Expect: lkmm: <verdict> data-race` expects LKMM's flag; without the
    /// word, a race fails the expectation.
    @Test func dataRaceExpectations() throws {
        let racy = """
            C race
            (*
             * Expect: lkmm: sometimes data-race
             *)
            {}
            P0(int *x, int *y) { *x = 1; WRITE_ONCE(*y, 1); }
            P1(int *x, int *y) { int r0; int r1; r0 = READ_ONCE(*y); r1 = *x; }
            exists (1:r0=1 /\\ 1:r1=0)
            """
        let path = try write("race.litmus", racy)
        let run = runGrace(["check", path])
        #expect(run.code == .success)
        #expect(run.output.contains("ok     \(path) [lkmm]: sometimes data-race (expected sometimes data-race)"))
        let unaware = try write("race-unaware.litmus", racy.replacingOccurrences(of: " data-race", with: ""))
        let failed = runGrace(["check", unaware])
        #expect(failed.code == .failure)
        #expect(failed.output.contains("FAIL   \(unaware) [lkmm]: sometimes data-race (expected sometimes)"))
        let json = runGrace(["check", path, "--format", "json"])
        let document = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let result = try #require((document["results"] as? [[String: Any]])?.first)
        #expect(result["flags"] as? [String] == ["data-race"])
        #expect(result["asExpected"] as? Bool == true)
    }

    /// No execution gets past the filter: herd7's DEADLOCK.
    @Test func deadlockVerdict() throws {
        let path = try write("stuck.litmus", """
            C stuck
            (*
             * Result: DEADLOCK
             *)
            {}
            P0(int *x) { int r0; r0 = READ_ONCE(*x); }
            filter (0:r0=1)
            exists (0:r0=1)
            """)
        let run = runGrace(["check", path])
        #expect(run.code == .success)
        #expect(run.output.contains("ok     \(path) [lkmm]: deadlock (expected deadlock) [0 of 0 executions satisfy the condition]"))
    }

    /// Primitives beyond LKMM run under tso (store buffers on the state
    /// explorer) and are skipped by name under lkmm, not judged.
    @Test func unsupportedPrimitivesAreSkipped() throws {
        let path = try write("reference.grace", """
            C reference
            (*
             * Expect: sc: pass
             *)
            { struct page pg; }
            P0(struct page *pg) { get_page(pg); put_page(pg); }
            """)
        let run = runGrace(["check", path, "--memory", "all"])
        #expect(run.code == .success)
        #expect(run.output.contains("done   \(path) [tso]: pass"))
        #expect(run.output.contains("SKIP   \(path) [lkmm]: get_page (line 6) is not supported under lkmm yet"))
        #expect(run.output.contains("grace: 2 passed, 0 failed, 1 skipped"))
    }

    /// A violation under lkmm prints the execution: events in program and
    /// reads-from order, what each read missed, the coherence order.
    @Test func violationPrintsTheExecution() throws {
        let path = try write("bug.litmus", """
            C bug
            (*
             * Expect: lkmm: violation bug
             *)
            {}
            P0(int *x, int *y)
            {
            \tWRITE_ONCE(*x, 1);
            \tWRITE_ONCE(*y, 1);
            }
            P1(int *x, int *y)
            {
            \tint r0;
            \tint r1;
            \tr0 = READ_ONCE(*y);
            \tr1 = READ_ONCE(*x);
            \tBUG_ON(r0 == 1 && r1 == 0);
            }
            """)
        let run = runGrace(["check", path])
        #expect(run.code == .success)
        #expect(run.output.contains("1  CPU0 task    P0:8  WRITE_ONCE(*x, 1);"))
        #expect(run.output.contains("read y = 1, from step 2"))
        #expect(run.output.contains("read x = 0, its initial value; misses step 1's 1"))
        #expect(run.output.contains("coherence order: x: 0 (initial), 1 (step 1); y: 0 (initial), 1 (step 2)"))
    }
}
