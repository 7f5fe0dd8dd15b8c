/// A set of small non-negative integers as bits: events of a graph (under
/// `EventSet`), program points and local slots of the graph explorer's
/// control-flow analyses.
public struct BitSet: Equatable, Sendable {
    /// At least one word, so that sets over nothing still combine word by word.
    var words: [UInt64]

    /// The empty set over `0..<size`, or with `full` every member of it.
    public init(size: Int, full: Bool = false) {
        words = Array(repeating: 0, count: Swift.max(1, (size + 63) / 64))
        guard full else { return }
        for word in 0..<size / 64 { words[word] = ~0 }
        if size % 64 != 0 { words[size / 64] = (1 << UInt64(size % 64)) - 1 }
    }

    @inline(__always)
    public mutating func insert(_ index: Int) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    @inline(__always)
    public mutating func remove(_ index: Int) {
        words[index >> 6] &= ~(1 << UInt64(index & 63))
    }

    @inline(__always)
    public func contains(_ index: Int) -> Bool {
        index >> 6 < words.count && words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    public mutating func formUnion(_ other: BitSet) {
        for word in words.indices { words[word] |= other.words[word] }
    }

    public mutating func formIntersection(_ other: BitSet) {
        for word in words.indices { words[word] &= other.words[word] }
    }

    public mutating func subtract(_ other: BitSet) {
        for word in words.indices { words[word] &= ~other.words[word] }
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
}
