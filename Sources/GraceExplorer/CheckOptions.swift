/// Budgets and switches of one check.
public struct CheckOptions: Sendable {
    /// Stop with `inconclusive` after storing this many states.
    public var maxStates: Int?
    /// Stop with `inconclusive` after this many seconds.
    public var timeLimit: Double?
    /// Stop with `inconclusive` when the visited set needs more memory than this.
    public var memoryLimitBytes: Int?
    /// Stop with `inconclusive` once this flag is raised (Ctrl-C).
    public var cancellation: CancellationFlag?
    /// Called every `progressInterval` expansions; it decides itself whether
    /// to show anything, so the search never reads the clock for it.
    public var progress: (@Sendable (SearchProgress) -> Void)?
    public static let progressInterval = 4096
    /// Threads one search runs on. Any number gives the same verdict,
    /// counts and trace: workers only expand, and the merge is in order.
    public var jobs: Int
    /// Explore one state per class of states that differ only by swapping
    /// interchangeable threads (`ThreadSymmetry`). Verdicts are the same;
    /// state counts are of the classes; a counterexample is searched for
    /// again without reduction, for the shortest concrete trace.
    public var reduction: Bool
    /// Explore only this shard's part of the state space (`--shard i/n`).
    /// Symmetry reduction is off then: shards split the concrete states.
    public var shard: ShardSpec?

    public init(maxStates: Int? = nil, timeLimit: Double? = nil, memoryLimitBytes: Int? = nil,
                cancellation: CancellationFlag? = nil, progress: (@Sendable (SearchProgress) -> Void)? = nil, jobs: Int = 1, reduction: Bool = false) {
        self.maxStates = maxStates
        self.timeLimit = timeLimit
        self.memoryLimitBytes = memoryLimitBytes
        self.cancellation = cancellation
        self.progress = progress
        self.jobs = jobs
        self.reduction = reduction
    }
}

/// What exploring one model under one memory model found.
public struct CheckStatistics: Sendable, Hashable {
    public var states = 0
    public var transitions = 0
    public var depth = 0
    public var seconds = 0.0
    public var peakMemoryBytes = 0
    public var finalStates = 0
    /// Size of one stored (packed) state.
    public var stateBytes = 0

    public init() {}

    public var statesPerSecond: Double { seconds > 0 ? Double(states) / seconds : 0 }
}
