/// A set of events of one graph, as bits over their dense indices
/// (`GraphIndex`): herd7's event sets (R, W, Marked, ...).
public struct EventSet: Equatable, Sendable {
    /// The number of events of the graph; members are below it.
    public let size: Int
    var bits: BitSet

    var words: [UInt64] { bits.words }

    public init(size: Int) {
        self.size = size
        bits = BitSet(size: size)
    }

    public init(size: Int, _ members: some Sequence<Int>) {
        self.init(size: size)
        for member in members { insert(member) }
    }

    /// Every event of the graph.
    public static func all(size: Int) -> EventSet {
        var set = EventSet(size: size)
        set.bits = BitSet(size: size, full: true)
        return set
    }

    @inline(__always)
    public mutating func insert(_ index: Int) { bits.insert(index) }

    @inline(__always)
    public func contains(_ index: Int) -> Bool { bits.contains(index) }

    public var isEmpty: Bool { bits.isEmpty }

    public var count: Int { bits.count }

    /// The members, ascending.
    public var members: [Int] { bits.members }

    public static func | (a: EventSet, b: EventSet) -> EventSet {
        var result = a
        result.bits.formUnion(b.bits)
        return result
    }

    public static func & (a: EventSet, b: EventSet) -> EventSet {
        var result = a
        result.bits.formIntersection(b.bits)
        return result
    }

    /// herd7's `a \ b`.
    public static func - (a: EventSet, b: EventSet) -> EventSet {
        var result = a
        result.bits.subtract(b.bits)
        return result
    }

    /// herd7's `~a`: every event of the graph not in `a`.
    public static prefix func ~ (a: EventSet) -> EventSet {
        EventSet.all(size: a.size) - a
    }
}
