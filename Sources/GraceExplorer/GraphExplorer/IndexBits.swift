/// A set of small indices (program points, local slots) as bits.
struct IndexBits: Equatable, Sendable {
    private var words: [UInt64]

    init(size: Int, full: Bool) {
        words = Array(repeating: full ? ~0 : 0, count: (size + 63) / 64)
        if full, size % 64 != 0 { words[words.count - 1] = (1 << UInt64(size % 64)) - 1 }
    }

    mutating func insert(_ index: Int) { words[index >> 6] |= 1 << UInt64(index & 63) }

    mutating func remove(_ index: Int) { words[index >> 6] &= ~(1 << UInt64(index & 63)) }

    func contains(_ index: Int) -> Bool { index >> 6 < words.count && words[index >> 6] & (1 << UInt64(index & 63)) != 0 }

    mutating func formUnion(_ other: IndexBits) {
        for word in words.indices { words[word] |= other.words[word] }
    }

    mutating func formIntersection(_ other: IndexBits) {
        for word in words.indices { words[word] &= other.words[word] }
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    var members: [Int] {
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
