import GraceExplorer
import GraceFrontend

/// Human-readable results: one line per (model, memory model), statistics
/// on request, and the counterexample of each violation.
public enum TextReport {
    public static func resultLine(_ report: ModelReport) -> String {
        let memory = report.memoryModel?.rawValue ?? "-"
        let expectation = report.expected.map { " (expected \($0.spelled))" } ?? ""
        switch report.status {
        case .invalid:
            return "ERROR  \(report.path): does not parse or type-check"
        case .skipped(let reason):
            return "SKIP   \(report.path) [\(memory)]: \(reason)"
        case .inconclusive:
            if case .inconclusive(let reason)? = report.result?.outcome {
                return "INCONCLUSIVE  \(report.path) [\(memory)]: \(reason)\(expectation)"
            }
            return "INCONCLUSIVE  \(report.path) [\(memory)]"
        case .asExpected, .unexpectedlyFine, .failed:
            var verdict = report.result?.verdict?.spelled ?? "?"
            if report.result?.hasDataRace == true { verdict += " data-race" }
            let tag: String
            switch report.status {
            case .asExpected: tag = "ok   "
            case .failed: tag = "FAIL "
            default: tag = "done "
            }
            var detail = ""
            if let result = report.result, result.consideredFinalStates > 0 || report.result?.verdict.map(isExistsVerdict) == true {
                let counted = result.countsExecutions ? "executions" : "final states"
                detail = " [\(result.satisfyingFinalStates) of \(result.consideredFinalStates) \(counted) satisfy the condition]"
            }
            return "\(tag)  \(report.path) [\(memory)]: \(verdict)\(expectation)\(detail)"
        }
    }

    /// What one shard of a search found and covered.
    public static func shardLines(_ report: ModelReport, _ coverage: ShardCoverage) -> String {
        let memory = report.memoryModel?.rawValue ?? "-"
        var finding: String
        switch report.result?.outcome {
        case .verdict(.violation(let kind))?: finding = "violation \(kind.rawValue) in its part, \(coverage.counterexample?.ordinals.count ?? 0) steps"
        case .inconclusive(let reason)?: finding = "inconclusive: \(reason)"
        default: finding = "nothing violated in its part"
        }
        if !coverage.finalStates.isEmpty { finding += ", \(coverage.finalStates.count) final states judged" }
        let split = coverage.splitDepth.map { "split at depth \($0): \(coverage.seeds) of its \(coverage.levelWidth) states" }
            ?? "the search ended above the split: this shard searched everything"
        let statistics = report.result.map { "; \($0.statistics.states) states, \($0.statistics.transitions) transitions" } ?? ""
        return "SHARD \(coverage.spec.index)/\(coverage.spec.count)  \(report.path) [\(memory)]: \(finding)\n"
            + "       \(split)\(statistics); symmetry reduction is off under --shard"
    }

    static func isExistsVerdict(_ verdict: Verdict) -> Bool {
        verdict == .never || verdict == .sometimes || verdict == .always || verdict == .deadlock
    }

    public static func statisticsLine(_ statistics: CheckStatistics) -> String {
        let rate = statistics.statesPerSecond
        let rateText = rate >= 1000 ? "\(format(rate / 1000, digits: 1))k" : format(rate, digits: 0)
        return "       states \(statistics.states), transitions \(statistics.transitions), depth \(statistics.depth), "
            + "\(format(statistics.seconds, digits: 3)) s, \(rateText) states/s, peak memory \(format(Double(statistics.peakMemoryBytes) / 1_048_576, digits: 1)) MB, "
            + "state vector \(statistics.stateBytes) bytes"
    }

    /// What an unfinished search covered: the deterministic part of the statistics.
    public static func coverageLine(_ statistics: CheckStatistics) -> String {
        "       covered \(statistics.states) states, \(statistics.transitions) transitions, depth \(statistics.depth)"
    }

    public static func format(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if digits == 0, text.hasSuffix(".0") { text.removeLast(2) }
        if let dot = text.firstIndex(of: "."), digits > 0 {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }

    public static func summary(_ reports: [ModelReport]) -> String {
        var counts: [String: Int] = [:]
        for report in reports {
            switch report.status {
            case .asExpected, .unexpectedlyFine: counts["passed", default: 0] += 1
            case .failed: counts["failed", default: 0] += 1
            case .inconclusive: counts["inconclusive", default: 0] += 1
            case .invalid: counts["invalid", default: 0] += 1
            case .skipped: counts["skipped", default: 0] += 1
            }
        }
        var parts = ["\(counts["passed", default: 0]) passed", "\(counts["failed", default: 0]) failed"]
        for key in ["inconclusive", "invalid", "skipped"] where counts[key, default: 0] > 0 {
            parts.append("\(counts[key]!) \(key)")
        }
        return "grace: " + parts.joined(separator: ", ")
    }
}
