import GraceExplorer
import GraceFrontend
import GraceSemantics

/// The `--format json` document of SPEC §3.
public enum JSONReport {
    public static func document(version: String, reports: [ModelReport]) -> String {
        JSONValue.object([
            "grace": .string(version),
            "results": .array(reports.map(result)),
        ]).serialized() + "\n"
    }

    static func result(_ report: ModelReport) -> JSONValue {
        var verdict = "error"
        var kind = JSONValue.null
        switch report.result?.outcome {
        case .verdict(let value)?:
            verdict = value.word
            if case .violation(let violation) = value { kind = .string(violation.rawValue) }
        case .inconclusive?:
            verdict = "inconclusive"
        case nil:
            verdict = report.skipReason != nil ? "skipped" : "error"
        }
        var members: [String: JSONValue] = [
            "model": .string(report.path),
            "name": .string(report.name),
            "memory": report.memoryModel.map { .string($0.rawValue) } ?? .null,
            "verdict": .string(verdict),
            "kind": kind,
            "expected": report.expected.map { .string($0.spelled) } ?? .null,
            "asExpected": report.asExpected.map { .bool($0) } ?? .null,
            "stats": report.result.map { statistics($0.statistics) } ?? .null,
            "trace": report.result?.trace.map(trace) ?? .null,
            "diagnostics": report.diagnostics.isEmpty ? .null : .array(report.diagnostics.map { .string($0) }),
            "flags": .array((report.result?.flags ?? []).map { .string($0) }),
            "outcomes": report.result.map(outcomes) ?? .null,
        ]
        if let coverage = report.result?.shard { members["shard"] = shard(coverage) }
        if let shards = report.mergedShards {
            members["shards"] = .object([
                "count": .int(shards.count),
                "splitDepth": shards.splitDepth.map { .int($0) } ?? .null,
                "levelWidth": .int(shards.levelWidth),
                "states": .array(shards.states.map { .int($0) }),
            ])
        }
        if case .inconclusive(let reason)? = report.result?.outcome { members["reason"] = .string(reason) }
        if let reason = report.skipReason { members["reason"] = .string(reason) }
        return .object(members)
    }

    /// How many final states (or, from the graph explorer, executions)
    /// satisfy the final condition, of how many that pass the filter.
    static func outcomes(_ result: CheckResult) -> JSONValue {
        .object([
            "unit": .string(result.countsExecutions ? "executions" : "final states"),
            "satisfying": .int(result.satisfyingFinalStates),
            "considered": .int(result.consideredFinalStates),
        ])
    }

    /// What a shard covered, for `grace merge`: its place, the split, its
    /// least counterexample as choice indices, the depth of the first limit
    /// of Grace, and the final states its condition judged.
    static func shard(_ coverage: ShardCoverage) -> JSONValue {
        .object([
            "index": .int(coverage.spec.index),
            "count": .int(coverage.spec.count),
            "splitDepth": coverage.splitDepth.map { .int($0) } ?? .null,
            "levelWidth": .int(coverage.levelWidth),
            "seeds": .int(coverage.seeds),
            "modelDigest": .string(coverage.modelDigest),
            "options": .string(coverage.options),
            "symmetryReduction": .bool(false),
            "counterexample": coverage.counterexample.map { path in
                .object([
                    "ordinals": .array(path.ordinals.map { .int($0) }),
                    "switches": .int(path.switches),
                    "stuck": .bool(path.isStuck),
                ])
            } ?? .null,
            "limitDepth": coverage.limitDepth.map { .int($0) } ?? .null,
            "finalStates": .array(coverage.finalStates.map { .object(["state": .string($0.words), "satisfies": .bool($0.satisfies)]) }),
        ])
    }

    static func statistics(_ statistics: CheckStatistics) -> JSONValue {
        .object([
            "states": .int(statistics.states),
            "transitions": .int(statistics.transitions),
            "depth": .int(statistics.depth),
            "seconds": .double((statistics.seconds * 1000).rounded() / 1000),
            "peakMemoryBytes": .int(statistics.peakMemoryBytes),
        ])
    }

    static func trace(_ trace: Trace) -> JSONValue {
        .object([
            "steps": .array(trace.steps.map { step in
                .object([
                    "step": .int(step.number),
                    "cpu": .int(step.cpu),
                    "context": .string(step.context.name),
                    "function": .string(step.function),
                    "line": .int(step.line),
                    "source": .string(step.sourceText),
                    "events": .array(step.events.map { .object(["kind": .string($0.kind.rawValue), "text": .string($0.text)]) }),
                ])
            }),
            "links": .array(trace.links.map { link in
                .object(["kind": .string(link.kind.rawValue), "from": .int(link.from), "to": .int(link.to)])
            }),
            "violation": .object([
                "kind": .string(trace.violation.kind.rawValue),
                "message": .string(trace.violation.message),
                "explanation": .string(trace.explanation),
            ]),
        ])
    }
}
