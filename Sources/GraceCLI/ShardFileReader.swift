import GraceExplorer
import GraceFrontend
import GraceReports
import GraceSemantics

/// Reads the results of one shard file, each value checked for the type
/// `grace check --shard i/n --format json` writes.
struct ShardFileReader {
    /// A value that is not what a shard writes, at its offset.
    struct Problem: Error {
        var offset: Int
        var message: String

        func rendered(in file: SourceFile) -> String {
            Diagnostic(.error, at: file.location(of: offset), message).rendered(in: file)
        }
    }

    let file: SourceFile

    func entries() throws(Problem) -> [ShardSearch.Entry] {
        let root: JSONNode
        do {
            root = try JSONNode.parse(file.bytes)
        } catch {
            throw Problem(offset: error.offset, message: error.message)
        }
        guard let results = root["results"]?.array, !results.isEmpty else {
            throw Problem(offset: root.offset, message: "not the output of 'grace check --shard i/n --format json': no results")
        }
        return try results.map { (result) throws(Problem) in try entry(result) }
    }

    private func entry(_ result: JSONNode) throws(Problem) -> ShardSearch.Entry {
        let model = try require(result, "model", "a string") { $0.string }
        let verdict = try require(result, "verdict", "a string") { $0.string }
        guard verdict != "error" && verdict != "skipped" else {
            throw Problem(offset: result["verdict"]!.offset, message: "the shard did not check \(model): its verdict is '\(verdict)'")
        }
        _ = try require(result, "memory", "sc or tso") { $0.string.flatMap(MemoryModelKind.init(rawValue:)).flatMap { $0 == .lkmm ? nil : $0 } }
        guard let shard = result["shard"] else {
            throw Problem(offset: result.offset, message: "a result without \"shard\": not the output of 'grace check --shard i/n'")
        }
        let count = try require(shard, "count", "a positive whole number") { $0.int.flatMap { $0 > 0 ? $0 : nil } }
        let index = try require(shard, "index", "a whole number from 1 to \(count)") { $0.int.flatMap { (1...count).contains($0) ? $0 : nil } }
        var coverage = ShardCoverage(spec: ShardSpec(index: index, count: count))
        coverage.splitDepth = try optional(shard, "splitDepth", "a whole number or null") { $0.int.flatMap { $0 >= 0 ? $0 : nil } }
        coverage.spec.splitDepth = coverage.splitDepth
        coverage.levelWidth = try require(shard, "levelWidth", "a whole number") { $0.int }
        coverage.seeds = try require(shard, "seeds", "a whole number") { $0.int }
        coverage.modelDigest = try require(shard, "modelDigest", "a string") { $0.string }
        coverage.options = try require(shard, "options", "a string") { $0.string }
        coverage.limitDepth = try optional(shard, "limitDepth", "a whole number or null") { $0.int }
        coverage.counterexample = try optional(shard, "counterexample", "an object or null") { (node) throws(Problem) in
            guard node["ordinals"] != nil else { return nil }
            let ordinals = try require(node, "ordinals", "an array of whole numbers") { list in
                list.array.flatMap { elements in
                    let numbers = elements.compactMap { $0.int.flatMap { $0 >= 0 ? $0 : nil } }
                    return numbers.count == elements.count ? numbers : nil
                }
            }
            return CounterexamplePath(ordinals: ordinals, switches: try require(node, "switches", "a whole number") { $0.int },
                                      isStuck: try require(node, "stuck", "true or false") { $0.bool })
        }
        let finalStates = try require(shard, "finalStates", "an array") { $0.array }
        coverage.finalStates = try finalStates.map { (record) throws(Problem) in
            FinalStateRecord(words: try require(record, "state", "a string") { $0.string },
                             satisfies: try require(record, "satisfies", "true or false") { $0.bool })
        }
        let stats = try require(result, "stats", "an object") { $0["states"] != nil ? $0 : nil }
        var statistics = CheckStatistics()
        statistics.states = try require(stats, "states", "a whole number") { $0.int }
        statistics.transitions = try require(stats, "transitions", "a whole number") { $0.int }
        statistics.depth = try require(stats, "depth", "a whole number") { $0.int }
        statistics.peakMemoryBytes = try require(stats, "peakMemoryBytes", "a whole number") { $0.int }
        if case .number(let seconds)? = stats["seconds"]?.value { statistics.seconds = seconds }
        let reason = verdict == "inconclusive" ? try require(result, "reason", "a string") { $0.string } : nil
        return ShardSearch.Entry(file: file, result: result,
                                 finding: ShardFinding(coverage: coverage, inconclusiveReason: reason, statistics: statistics))
    }

    private func require<Value>(_ object: JSONNode, _ key: String, _ what: String, _ read: (JSONNode) throws(Problem) -> Value?) throws(Problem) -> Value {
        guard let node = object[key] else { throw Problem(offset: object.offset, message: "missing \"\(key)\", which should be \(what)") }
        guard let value = try read(node) else { throw Problem(offset: node.offset, message: "\"\(key)\" should be \(what)") }
        return value
    }

    /// A member that may be null.
    private func optional<Value>(_ object: JSONNode, _ key: String, _ what: String, _ read: (JSONNode) throws(Problem) -> Value?) throws(Problem) -> Value? {
        guard let node = object[key] else { throw Problem(offset: object.offset, message: "missing \"\(key)\", which should be \(what)") }
        if node.isNull { return nil }
        guard let value = try read(node) else { throw Problem(offset: node.offset, message: "\"\(key)\" should be \(what)") }
        return value
    }
}
