/// A set of event indices within one thread: the reads a value, an address
/// or a branch derives from. Most values depend on nothing or on one read, so
/// the first 64 indices live inline and larger ones in a rarely used array.
public struct DependencySet: Hashable, Sendable {
    private var low: UInt64 = 0
    /// Indices from 64 on; nil (no reference to count) in the common case.
    private var high: [UInt64]?

    public init() {}

    public init(_ indices: some Sequence<Int>) {
        for index in indices { insert(index) }
    }

    public var isEmpty: Bool { low == 0 && (high ?? []).allSatisfy { $0 == 0 } }

    public mutating func insert(_ index: Int) {
        if index < 64 {
            low |= 1 << UInt64(index)
            return
        }
        let word = index / 64 - 1
        var words = high ?? []
        if word >= words.count { words += Array(repeating: 0, count: word - words.count + 1) }
        words[word] |= 1 << UInt64(index % 64)
        high = words
    }

    public func contains(_ index: Int) -> Bool {
        if index < 64 { return low & (1 << UInt64(index)) != 0 }
        let word = index / 64 - 1
        guard let high else { return false }
        return word < high.count && high[word] & (1 << UInt64(index % 64)) != 0
    }

    public mutating func formUnion(_ other: DependencySet) {
        low |= other.low
        guard let otherHigh = other.high else { return }
        var words = high ?? []
        if otherHigh.count > words.count { words += Array(repeating: 0, count: otherHigh.count - words.count) }
        for (word, bits) in otherHigh.enumerated() { words[word] |= bits }
        high = words
    }

    public func union(_ other: DependencySet) -> DependencySet {
        var result = self
        result.formUnion(other)
        return result
    }

    /// The indices, ascending.
    public var indices: [Int] {
        var result: [Int] = []
        var bits = low
        while bits != 0 {
            result.append(bits.trailingZeroBitCount)
            bits &= bits - 1
        }
        for (word, value) in (high ?? []).enumerated() {
            var bits = value
            while bits != 0 {
                result.append((word + 1) * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }

    public static func == (a: DependencySet, b: DependencySet) -> Bool {
        a.low == b.low && (a.high == nil && b.high == nil || a.indices == b.indices)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(indices)
    }
}
