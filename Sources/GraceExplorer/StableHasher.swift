/// A fixed-seed 64-bit hash of state words. Swift's `Hasher` is seeded per
/// process, so it must never decide anything that reaches output or
/// exploration order; this one gives the same value on every machine.
public enum StableHasher {
    static let seed: UInt64 = 0x243F_6A88_85A3_08D3
    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    public static func hash<C: Collection>(_ words: C) -> UInt64 where C.Element == Int64 {
        var h = seed
        for word in words {
            h = (h ^ UInt64(bitPattern: word)) &* multiplier
            h ^= h >> 29
        }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return h
    }
}
