/// Which part of a state space one search of `grace check --shard i/n`
/// explores. Every shard runs the same breadth-first search up to the split
/// depth; there, shard `index` keeps the states whose position in the level
/// is `index - 1` modulo `count`, and searches exhaustively from them alone.
/// Shards never talk to each other: the level order is the same in each,
/// because the search is deterministic.
public struct ShardSpec: Sendable, Hashable {
    /// From 1 to `count`, as on the command line.
    public var index: Int
    public var count: Int
    /// The depth of the level that is split; nil: the first level holding
    /// at least `seedsPerShard` states per shard.
    public var splitDepth: Int?

    /// Enough states per shard that the parts below them weigh about the
    /// same, few enough that the split comes early.
    public static let seedsPerShard = 16

    public init(index: Int, count: Int, splitDepth: Int? = nil) {
        self.index = index
        self.count = count
        self.splitDepth = splitDepth
    }

    /// Whether the level at `depth`, of `width` states, is the one to split.
    func splits(depth: Int, width: Int) -> Bool {
        if let splitDepth { return depth == splitDepth }
        return width >= Self.seedsPerShard * count
    }

    /// Whether the state at `position` of the split level is this shard's.
    func owns(position: Int) -> Bool {
        position % count == index - 1
    }
}
