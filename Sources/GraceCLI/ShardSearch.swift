import Foundation
import GraceExplorer
import GraceFrontend
import GraceReports
import GraceSemantics

/// The shards of one search (a model under a memory model), read back from
/// the files of `grace check --shard i/n --format json` and checked to fit
/// together: one shard count, every shard once, one model text, one set of
/// options. A file that does not fit is a located diagnostic, never part of
/// a verdict.
struct ShardSearch {
    /// One shard's result for the search, with where it came from.
    struct Entry {
        var file: SourceFile
        var result: JSONNode
        var finding: ShardFinding
    }

    /// Diagnostics, rendered.
    struct Problems: Error {
        var messages: [String]
    }

    var model: String
    var memory: MemoryModelKind
    /// In shard order.
    var entries: [Entry]

    /// Reads every file and groups the results by search.
    static func read(_ paths: [String]) throws(Problems) -> [ShardSearch] {
        var problems: [String] = []
        var files: [(file: SourceFile, entries: [Entry])] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("grace: error: cannot read \(path)")
                continue
            }
            let file = SourceFile(path: path, bytes: Array(data))
            do {
                files.append((file, try ShardFileReader(file: file).entries()))
            } catch {
                problems.append(error.rendered(in: file))
            }
        }
        guard problems.isEmpty else { throw Problems(messages: problems) }
        problems += fitProblems(files)
        guard problems.isEmpty else { throw Problems(messages: problems) }
        var searches: [ShardSearch] = []
        for entry in files.flatMap(\.entries) {
            let model = entry.result["model"]!.string!, memory = MemoryModelKind(rawValue: entry.result["memory"]!.string!)!
            if let position = searches.firstIndex(where: { $0.model == model && $0.memory == memory }) {
                searches[position].entries.append(entry)
            } else {
                searches.append(ShardSearch(model: model, memory: memory, entries: [entry]))
            }
        }
        for position in searches.indices { searches[position].entries.sort { $0.finding.coverage.spec.index < $1.finding.coverage.spec.index } }
        return searches
    }

    /// Whether the files are the shards 1...n of the same searches, each once.
    private static func fitProblems(_ files: [(file: SourceFile, entries: [Entry])]) -> [String] {
        var problems: [String] = []
        guard let first = files.first?.entries.first else { return [] }
        let count = first.finding.coverage.spec.count
        var owners: [Int: String] = [:]
        for (file, entries) in files {
            let index = entries[0].finding.coverage.spec.index
            for entry in entries {
                let spec = entry.finding.coverage.spec
                let node = entry.result["shard"]!
                if spec.count != count {
                    problems.append(problem(in: file, at: node["count"]!, "a shard of \(spec.count) shards, but \(files[0].file.path) is one of \(count)"))
                } else if spec.index != index {
                    problems.append(problem(in: file, at: node["index"]!, "shard \(spec.index)/\(count) in a file of shard \(index)/\(count)"))
                }
            }
            if let owner = owners[index] {
                problems.append(problem(in: file, at: entries[0].result["shard"]!["index"]!, "shard \(index)/\(count) again: \(owner) holds it too"))
            }
            owners[index] = owners[index] ?? file.path
        }
        guard problems.isEmpty else { return problems }
        for index in 1...count where owners[index] == nil {
            problems.append("grace: error: shard \(index)/\(count) is missing: a merge needs the files of all \(count) shards")
        }
        let reference = files[0]
        let key = { (entry: Entry) in "\(entry.result["model"]!.string!) [\(entry.result["memory"]!.string!)]" }
        let searched = reference.entries.map(key)
        for (file, entries) in files.dropFirst() {
            for entry in entries {
                guard let match = reference.entries.first(where: { key($0) == key(entry) }) else {
                    problems.append(problem(in: file, at: entry.result, "\(key(entry)) is not among the results of \(reference.file.path)"))
                    continue
                }
                let (theirs, ours) = (match.finding.coverage, entry.finding.coverage)
                let shard = entry.result["shard"]!
                if theirs.modelDigest != ours.modelDigest {
                    problems.append(problem(in: file, at: shard["modelDigest"]!, "the text of \(key(entry)) differs from the one \(reference.file.path) checked"))
                }
                if theirs.options != ours.options {
                    problems.append(problem(in: file, at: shard["options"]!, "options '\(ours.options)' differ from '\(theirs.options)' of \(reference.file.path)"))
                }
            }
            for missing in searched where !entries.contains(where: { key($0) == missing }) {
                problems.append("grace: error: \(file.path) has no result for \(missing), which \(reference.file.path) has")
            }
        }
        return problems
    }

    private static func problem(in file: SourceFile, at node: JSONNode, _ message: String) -> String {
        Diagnostic(.error, at: file.location(of: node.offset), message).rendered(in: file)
    }

    /// The search's verdict and counterexample, from its model as it is now,
    /// which must be the text the shards checked.
    func merged() -> Result<ModelReport, Problems> {
        let program: Program
        switch ModelLoader.load(path: model) {
        case .invalid(let file, let diagnostics):
            return .failure(Problems(messages: diagnostics.map { $0.rendered(in: file) }))
        case .program(let loaded):
            program = loaded
        }
        let first = entries[0]
        guard ModelDigest.of(program.file.bytes) == first.finding.coverage.modelDigest else {
            return .failure(Problems(messages: [Self.problem(in: first.file, at: first.result["shard"]!["modelDigest"]!,
                                                             "\(model) has changed since the shards checked it")]))
        }
        let merged: CheckResult
        switch ShardMerge.merge(entries.map(\.finding), program: program, under: memory) {
        case .success(let result):
            merged = result
        case .failure(.counterexampleDoesNotReplay(let shard)):
            let entry = entries.first { $0.finding.coverage.spec.index == shard }!
            return .failure(Problems(messages: [Self.problem(in: entry.file, at: entry.result["shard"]!["counterexample"]!,
                                                             "this counterexample does not replay on \(model)")]))
        case .failure(.unsupportedMemoryModel):
            return .failure(Problems(messages: [Self.problem(in: first.file, at: first.result["memory"]!, "shards split searches under sc and tso only")]))
        }
        var report = ModelReport(path: model, name: program.name, memoryModel: memory, result: merged,
                                 expected: program.directives.expectation(for: memory))
        report.summary = program.directives.summary
        report.config = program.config
        let coverages = entries.map(\.finding.coverage)
        let split = coverages.first { $0.splitDepth != nil }
        report.mergedShards = MergedShards(count: coverages[0].spec.count, splitDepth: split?.splitDepth, levelWidth: split?.levelWidth ?? 0,
                                           states: entries.map(\.finding.statistics.states))
        return .success(report)
    }
}
