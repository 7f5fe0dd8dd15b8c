/// A binary relation over the events of one graph, as a bit matrix: row `i`
/// holds the events `j` with `i -> j`. The algebra is herd7's (`|`, `&`, `\`,
/// `;`, `^-1`, `+`, `*`, `?`, `[S]`), so a .cat definition reads across line
/// by line. Rows are whole 64-bit words, so for the few hundred events of a
/// litmus execution every operation is a handful of word operations per row.
public struct Relation: Equatable, Sendable {
    /// The number of events; pairs are below it on both sides.
    public let size: Int
    /// Words per row.
    let stride: Int
    var words: [UInt64]

    /// The empty relation.
    public init(size: Int) {
        self.size = size
        stride = Swift.max(1, (size + 63) / 64)
        words = Array(repeating: 0, count: stride * Swift.max(size, 1))
    }

    public init(size: Int, pairs: some Sequence<(Int, Int)>) {
        self.init(size: size)
        for (from, to) in pairs { insert(from, to) }
    }

    /// herd7's `id`.
    public static func identity(size: Int) -> Relation {
        var result = Relation(size: size)
        for index in 0..<size { result.insert(index, index) }
        return result
    }

    /// herd7's `[S]`: the identity on `set`.
    public static func identity(on set: EventSet) -> Relation {
        var result = Relation(size: set.size)
        for index in set.members { result.insert(index, index) }
        return result
    }

    /// herd7's `S1 * S2`.
    public static func product(_ from: EventSet, _ to: EventSet) -> Relation {
        var result = Relation(size: from.size)
        for index in from.members {
            for word in 0..<result.stride { result.words[index * result.stride + word] = to.words[word] }
        }
        return result
    }

    @inline(__always)
    public mutating func insert(_ from: Int, _ to: Int) {
        words[from * stride + (to >> 6)] |= 1 << UInt64(to & 63)
    }

    @inline(__always)
    public func contains(_ from: Int, _ to: Int) -> Bool {
        words[from * stride + (to >> 6)] & (1 << UInt64(to & 63)) != 0
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The pairs, in row-major order.
    public var pairs: [(Int, Int)] {
        var result: [(Int, Int)] = []
        for from in 0..<size { for to in successors(of: from) { result.append((from, to)) } }
        return result
    }

    /// The events `from` relates to, ascending.
    public func successors(of from: Int) -> [Int] {
        var result: [Int] = []
        for word in 0..<stride {
            var bits = words[from * stride + word]
            while bits != 0 {
                result.append(word * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }

    /// herd7's `domain(r)`.
    public var domain: EventSet {
        var result = EventSet(size: size)
        for from in 0..<size where rowIsNonEmpty(from) { result.insert(from) }
        return result
    }

    /// herd7's `range(r)`.
    public var range: EventSet {
        var result = EventSet(size: size)
        for from in 0..<size {
            for word in 0..<stride { result.bits.words[word] |= words[from * stride + word] }
        }
        return result
    }

    @inline(__always)
    func rowIsNonEmpty(_ row: Int) -> Bool {
        for word in 0..<stride where words[row * stride + word] != 0 { return true }
        return false
    }
}
