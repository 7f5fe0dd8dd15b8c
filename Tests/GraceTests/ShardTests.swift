import Foundation
import GraceCLI
import GraceReports
import Testing

/// `grace check --shard i/n` and `grace merge`: the shards of a search,
/// merged, give what one search gives (verdict, counts of final states,
/// counterexample text, exit code), and shard files that do not fit
/// together are diagnosed, never merged.
@Suite struct ShardTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grace-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var model: String
        var memory: String
        /// nil: the split depth Grace chooses.
        var splitDepth: Int?
        var testDescription: String { "\(model) [\(memory)] split at \(splitDepth.map(String.init) ?? "auto")" }
    }

    static func model(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    /// A passing model, violations whose shortest traces run far below the
    /// split, final conditions judged `sometimes`, `always` and `never`
    /// (one behind a filter), and deadlocks.
    static let cases: [Case] = [
        Case(model: model("Models/powerpc/pte-free-defer-v3.grace"), memory: "sc", splitDepth: 5),
        Case(model: model("Models/powerpc/pte-free-defer-v3.grace"), memory: "sc", splitDepth: nil),
        Case(model: model("Models/gup-fast/gup-fast-no-pte-recheck.grace"), memory: "sc", splitDepth: 4),
        Case(model: model("Models/gup-fast/gup-fast-no-pte-recheck.grace"), memory: "tso", splitDepth: 6),
        Case(model: model("Models/s390/page-table-free-single-step.grace"), memory: "sc", splitDepth: nil),
        Case(model: model("Tests/GraceTests/Litmus/format/cond-locations-list.litmus"), memory: "sc", splitDepth: 2),
        Case(model: model("Tests/GraceTests/Litmus/format/cond-forall.litmus"), memory: "sc", splitDepth: 2),
        Case(model: model("Tests/GraceTests/Litmus/format/cond-not-exists.litmus"), memory: "tso", splitDepth: 2),
        Case(model: model("Tests/GraceTests/Litmus/format/cond-filter.litmus"), memory: "sc", splitDepth: 1),
        Case(model: fixture("kernel/b-b3-softirq-deadlock.grace"), memory: "sc", splitDepth: 2),
        Case(model: model("Models/s390/context-lock-softirq-deadlock.grace"), memory: "sc", splitDepth: 3),
    ]

    /// The output of one search on one machine.
    static func single(_ model: String, memory: String) -> (code: ExitCode, output: String, error: String) {
        runGrace(["check", model, "--memory", memory, "--no-progress", "--jobs", "1"])
    }

    /// Runs the `count` shards of a search, each into its own JSON file.
    func shards(_ model: String, memory: String, count: Int, splitDepth: Int?, jobs: Int = 1, name: String = "shard") throws -> [String] {
        try (1...count).map { index in
            var arguments = ["check", model, "--memory", memory, "--no-progress", "--jobs", String(jobs), "--format", "json", "--shard", "\(index)/\(count)"]
            if let splitDepth { arguments += ["--split-depth", String(splitDepth)] }
            let run = runGrace(arguments)
            #expect(run.code == .success || run.code == .inconclusive, "shard \(index)/\(count): \(run.error)")
            let path = scratch.appendingPathComponent("\(name)-\(index)-of-\(count).json").path
            try run.output.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    /// The merge's text without its line about the shards, which a single
    /// search does not print.
    static func withoutShardLine(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("       merged from ") }.joined(separator: "\n")
    }

    static func splitDepths(in path: String) throws -> [Int?] {
        let root = try JSONNode.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        return (root["results"]?.array ?? []).map { $0["shard"]?["splitDepth"]?.int }
    }

    @Test(arguments: cases)
    func threeShardsMergedAreTheSingleSearch(_ testCase: Case) throws {
        let single = Self.single(testCase.model, memory: testCase.memory)
        let files = try shards(testCase.model, memory: testCase.memory, count: 3, splitDepth: testCase.splitDepth)
        if let depth = testCase.splitDepth {
            #expect(try Self.splitDepths(in: files[0]) == [depth], "the search must reach the split for the case to test it")
        }
        let merged = runGrace(["merge"] + files)
        #expect(merged.code == single.code)
        #expect(Self.withoutShardLine(merged.output) == single.output)
        #expect(merged.output.contains("       merged from 3 shards"))
        #expect(merged.error.isEmpty)
    }

    /// The counterexample of the violating case is longer than the split
    /// depth, and the shards find different ones or none: the merge takes
    /// the least.
    @Test func shardsFindDifferentCounterexamplesBelowTheSplit() throws {
        let model = Self.model("Models/gup-fast/gup-fast-no-pte-recheck.grace")
        let files = try shards(model, memory: "sc", count: 3, splitDepth: 4)
        let paths = try files.map { path in
            let root = try JSONNode.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            return (root["results"]?.array?.first?["shard"]?["counterexample"]?["ordinals"]?.array ?? []).compactMap(\.int)
        }
        #expect(Set(paths).count > 1, "every shard found the same counterexample, or none")
        #expect(paths.filter { !$0.isEmpty }.map(\.count).min() ?? 0 > 4)
        let single = Self.single(model, memory: "sc")
        #expect(Self.withoutShardLine(runGrace(["merge"] + files).output) == single.output)
    }

    @Test func oneShardIsTheSingleSearch() throws {
        let model = Self.model("Models/gup-fast/gup-fast-no-pte-recheck.grace")
        let files = try shards(model, memory: "sc", count: 1, splitDepth: nil)
        let merged = runGrace(["merge"] + files)
        let single = Self.single(model, memory: "sc")
        #expect(merged.code == single.code)
        #expect(Self.withoutShardLine(merged.output) == single.output)
    }

    /// More shards than states on the split level: some shards search
    /// nothing below it, and the merge is still the single search.
    @Test func moreShardsThanStatesOnTheSplitLevel() throws {
        let model = Self.model("Models/gup-fast/gup-fast-no-pte-recheck.grace")
        let files = try shards(model, memory: "sc", count: 9, splitDepth: 4)
        let root = try JSONNode.parse(Array(try Data(contentsOf: URL(fileURLWithPath: files[8]))))
        let shard = try #require(root["results"]?.array?.first?["shard"])
        #expect(shard["seeds"]?.int == 0)
        #expect(try #require(shard["levelWidth"]?.int) < 9)
        let merged = runGrace(["merge"] + files)
        let single = Self.single(model, memory: "sc")
        #expect(merged.code == single.code)
        #expect(Self.withoutShardLine(merged.output) == single.output)
    }

    /// Workers change nothing a shard writes but its time and memory.
    @Test func aShardIsTheSameOnAnyNumberOfWorkers() throws {
        let model = Self.model("Models/s390/page-table-free-single-step.grace")
        let one = try shards(model, memory: "sc", count: 2, splitDepth: 3, jobs: 1, name: "one")
        let two = try shards(model, memory: "sc", count: 2, splitDepth: 3, jobs: 2, name: "two")
        for (first, second) in zip(one, two) {
            let strip = { (path: String) throws -> String in
                try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
                    .filter { !$0.contains("\"seconds\"") && !$0.contains("\"peakMemoryBytes\"") }.joined(separator: "\n")
            }
            #expect(try strip(first) == strip(second))
        }
    }

    // MARK: Shards that do not fit together

    func rewrite(_ path: String, as name: String, _ change: (String) -> String) throws -> String {
        let target = scratch.appendingPathComponent(name).path
        try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    var violating: String { Self.model("Models/gup-fast/gup-fast-no-pte-recheck.grace") }

    @Test func aMissingShardIsAnError() throws {
        let files = try shards(violating, memory: "sc", count: 3, splitDepth: 4)
        let merged = runGrace(["merge", files[0], files[2]])
        #expect(merged.code == .invalidModel)
        #expect(merged.output.isEmpty)
        #expect(merged.error.contains("grace: error: shard 2/3 is missing"))
    }

    @Test func aDuplicateShardIsALocatedError() throws {
        let files = try shards(violating, memory: "sc", count: 2, splitDepth: 4)
        let copy = try rewrite(files[0], as: "copy.json") { $0 }
        let merged = runGrace(["merge", files[0], files[1], copy])
        #expect(merged.code == .invalidModel)
        #expect(merged.output.isEmpty)
        let line = try #require(merged.error.split(separator: "\n").first)
        #expect(line.hasPrefix("\(copy):"))
        #expect(line.hasSuffix("error: shard 1/2 again: \(files[0]) holds it too"))
    }

    @Test func shardsOfDifferentCountsAreALocatedError() throws {
        let three = try shards(violating, memory: "sc", count: 3, splitDepth: 4)
        let two = try shards(violating, memory: "sc", count: 2, splitDepth: 4)
        let merged = runGrace(["merge", three[0], two[1], three[2]])
        #expect(merged.code == .invalidModel)
        #expect(merged.error.contains("\(two[1]):"))
        #expect(merged.error.contains("error: a shard of 2 shards, but \(three[0]) is one of 3"))
    }

    @Test func shardsOfDifferentModelsAreALocatedError() throws {
        let ours = try shards(violating, memory: "sc", count: 2, splitDepth: 4)
        let other = Self.model("Models/powerpc/pte-free-defer-v3.grace")
        let theirs = try shards(other, memory: "sc", count: 2, splitDepth: 4, name: "other")
        let merged = runGrace(["merge", ours[0], theirs[1]])
        #expect(merged.code == .invalidModel)
        #expect(merged.error.contains("error: \(other) [sc] is not among the results of \(ours[0])"))
        #expect(merged.error.contains("grace: error: \(theirs[1]) has no result for \(violating) [sc], which \(ours[0]) has"))
    }

    @Test func shardsOfDifferentOptionsAreALocatedError() throws {
        let deep = try shards(violating, memory: "sc", count: 2, splitDepth: 4, name: "deep")
        let shallow = try shards(violating, memory: "sc", count: 2, splitDepth: 3, name: "shallow")
        let merged = runGrace(["merge", deep[0], shallow[1]])
        #expect(merged.code == .invalidModel)
        #expect(merged.error.contains("error: options 'split-depth 3' differ from 'split-depth 4' of \(deep[0])"))
    }

    /// Shards of two texts of one model, and a model changed after its
    /// shards ran, are both refused.
    @Test func aChangedModelTextIsALocatedError() throws {
        let original = try String(contentsOfFile: violating, encoding: .utf8)
        let copy = scratch.appendingPathComponent("model.grace").path
        try original.write(toFile: copy, atomically: true, encoding: .utf8)
        let before = try shards(copy, memory: "sc", count: 2, splitDepth: 4, name: "before")
        try (original + "\n").write(toFile: copy, atomically: true, encoding: .utf8)
        let after = try shards(copy, memory: "sc", count: 2, splitDepth: 4, name: "after")
        let mixed = runGrace(["merge", before[0], after[1]])
        #expect(mixed.code == .invalidModel)
        #expect(mixed.error.contains("error: the text of \(copy) [sc] differs from the one \(before[0]) checked"))
        let stale = runGrace(["merge", before[0], before[1]])
        #expect(stale.code == .invalidModel)
        #expect(stale.error.contains("\(before[0]):"))
        #expect(stale.error.contains("error: \(copy) has changed since the shards checked it"))
        #expect(runGrace(["merge", after[0], after[1]]).code == .success)
    }

    @Test func malformedJSONIsALocatedError() throws {
        let files = try shards(violating, memory: "sc", count: 2, splitDepth: 4)
        let cut = try rewrite(files[1], as: "cut.json") { String($0.prefix(40)) }
        let merged = runGrace(["merge", files[0], cut])
        #expect(merged.code == .invalidModel)
        #expect(merged.output.isEmpty)
        let lines = merged.error.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("\(cut):") == true)
        #expect(lines.first?.contains(": error: ") == true)
        #expect(lines.count >= 3 && lines[2].hasSuffix("^"), "the source line and a caret")
    }

    @Test func aValueOfTheWrongTypeIsALocatedError() throws {
        let files = try shards(violating, memory: "sc", count: 2, splitDepth: 4)
        let broken = try rewrite(files[1], as: "broken.json") { $0.replacingOccurrences(of: "\"seeds\": ", with: "\"seeds\": \"many\", \"x\": ") }
        let merged = runGrace(["merge", files[0], broken])
        #expect(merged.code == .invalidModel)
        #expect(merged.error.contains("error: \"seeds\" should be a whole number"))
    }

    @Test func theResultsOfAPlainCheckAreNotShards() throws {
        let plain = runGrace(["check", violating, "--memory", "sc", "--no-progress", "--format", "json"])
        let path = scratch.appendingPathComponent("plain.json").path
        try plain.output.write(toFile: path, atomically: true, encoding: .utf8)
        let merged = runGrace(["merge", path])
        #expect(merged.code == .invalidModel)
        #expect(merged.error.contains("error: a result without \"shard\": not the output of 'grace check --shard i/n'"))
    }

    @Test func shardUsageErrors() {
        #expect(runGrace(["check", violating, "--shard", "4/3"]).code == .usage)
        #expect(runGrace(["check", violating, "--shard", "0/3"]).code == .usage)
        #expect(runGrace(["check", violating, "--split-depth", "3"]).code == .usage)
        let lkmm = runGrace(["check", violating, "--shard", "1/2", "--memory", "lkmm", "--no-progress"])
        #expect(lkmm.code == .usage)
        #expect(lkmm.error.contains("--shard splits searches under sc and tso, not under lkmm"))
        #expect(runGrace(["merge"]).code == .usage)
    }
}
