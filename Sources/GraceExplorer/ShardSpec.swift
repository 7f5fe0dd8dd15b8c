/// Which part of a state space one search of `grace check --shard i/n`
/// explores. Every shard runs the same breadth-first search up to the split
/// depth; there, shard `index` keeps the `index`-th of `count` runs of
/// consecutive states of the level, and searches exhaustively from them
/// alone. Shards never talk to each other: the level order is the same in
/// each, because the search is deterministic.
///
/// Runs rather than every `count`-th state: neighbours in the level order
/// share the first steps of their least paths, so their futures overlap
/// most, and a run keeps that overlap inside one shard. On
/// pte-free-defer-v3-large, three shards store 24,590 states between them
/// split in runs and 37,370 split modulo 3, of 12,761.
public struct ShardSpec: Sendable, Hashable {
    /// From 1 to `count`, as on the command line.
    public var index: Int
    public var count: Int
    /// The depth of the level that is split; nil: the first level holding
    /// at least `seedsPerShard` states per shard.
    public var splitDepth: Int?

    /// Enough states per shard that the parts below them weigh about the
    /// same, few enough that the split comes early.
    public static let seedsPerShard = 64

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

    /// Whether the state at `position` of the split level, of `width`
    /// states, is this shard's.
    func owns(position: Int, width: Int) -> Bool {
        position * count / width == index - 1
    }

    /// How many states of a split level of `width` states are this shard's.
    func seeds(width: Int) -> Int {
        (0..<width).lazy.filter { owns(position: $0, width: width) }.count
    }
}
