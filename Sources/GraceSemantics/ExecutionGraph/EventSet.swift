/// A set of events of one graph, as bits over their dense indices
/// (`GraphIndex`): herd7's event sets (R, W, Marked, ...).
public struct EventSet: Equatable, Sendable {
    /// The number of events of the graph; members are below it.
    public let size: Int
    var words: [UInt64]

    public init(size: Int) {
        self.size = size
        words = Array(repeating: 0, count: Swift.max(1, (size + 63) / 64))
    }

    public init(size: Int, _ members: some Sequence<Int>) {
        self.init(size: size)
        for member in members { insert(member) }
    }

    /// Every event of the graph.
    public static func all(size: Int) -> EventSet {
        var set = EventSet(size: size)
        for index in 0..<size { set.insert(index) }
        return set
    }

    @inline(__always)
    public mutating func insert(_ index: Int) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    @inline(__always)
    public func contains(_ index: Int) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The members, ascending.
    public var members: [Int] {
        var result: [Int] = []
        for (word, value) in words.enumerated() {
            var bits = value
            while bits != 0 {
                result.append(word * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }

    public static func | (a: EventSet, b: EventSet) -> EventSet {
        var result = a
        for word in result.words.indices { result.words[word] |= b.words[word] }
        return result
    }

    public static func & (a: EventSet, b: EventSet) -> EventSet {
        var result = a
        for word in result.words.indices { result.words[word] &= b.words[word] }
        return result
    }

    /// herd7's `a \ b`.
    public static func - (a: EventSet, b: EventSet) -> EventSet {
        var result = a
        for word in result.words.indices { result.words[word] &= ~b.words[word] }
        return result
    }

    /// herd7's `~a`: every event of the graph not in `a`.
    public static prefix func ~ (a: EventSet) -> EventSet {
        EventSet.all(size: a.size) - a
    }
}
