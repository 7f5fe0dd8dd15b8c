import GraceSemantics

/// What one shard's search covered and found, for `grace merge`: enough to
/// give the verdict and the counterexample a single search would give.
public struct ShardCoverage: Sendable {
    public var spec: ShardSpec
    /// The depth of the split level, or nil when the search ended before
    /// reaching it: then every shard searched everything.
    public var splitDepth: Int?
    /// The states of the split level, and how many of them were this shard's.
    public var levelWidth = 0
    public var seeds = 0
    /// The shard's shortest counterexample, in the order that makes the
    /// least of the shards' counterexamples the single search's.
    public var counterexample: CounterexamplePath?
    /// The depth of the first state a step of which ran into a limit of
    /// Grace: the single search would look no deeper than that level.
    public var limitDepth: Int?
    /// The final states judged by the final condition, each by its words,
    /// so that a final state more than one shard reached counts once.
    public var finalStates: [FinalStateRecord] = []
    /// What the shards of one search must share: a digest of the model's
    /// text and the options that shape the search, set by the command line.
    public var modelDigest = ""
    public var options = ""

    public init(spec: ShardSpec) {
        self.spec = spec
    }
}

/// A final state the final condition judged (passed its filter), and
/// whether it satisfied the condition.
public struct FinalStateRecord: Sendable, Hashable {
    /// The state's nonzero words, `slot:value` in hexadecimal: the same
    /// state gives the same text in every shard.
    public var words: String
    public var satisfies: Bool

    public init(words: String, satisfies: Bool) {
        self.words = words
        self.satisfies = satisfies
    }

    init(state: MachineState, satisfies: Bool) {
        words = state.words.indices.lazy.filter { state.words[$0] != 0 }
            .map { String($0, radix: 16) + ":" + String(state.words[$0], radix: 16) }.joined(separator: ",")
        self.satisfies = satisfies
    }
}
