/// A fixed-seed 64-bit hash of state words. Swift's `Hasher` is seeded per
/// process, so it must never decide anything that reaches output or
/// exploration order; this one gives the same value on every machine.
///
/// Four independent lanes let the multiplies overlap; states are mostly
/// zeros and short, so the mixing is light and the finaliser does the rest.
public enum StableHasher {
    static let seed: UInt64 = 0x243F_6A88_85A3_08D3
    static let multipliers: (UInt64, UInt64, UInt64, UInt64) = (
        0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63
    )

    @inline(__always)
    public static func hash(_ words: UnsafeBufferPointer<Int64>) -> UInt64 {
        var a = seed, b = seed ^ 1, c = seed ^ 2, d = seed ^ 3
        let count = words.count
        var index = 0
        while index + 4 <= count {
            a = (a ^ UInt64(bitPattern: words[index])) &* multipliers.0
            b = (b ^ UInt64(bitPattern: words[index + 1])) &* multipliers.1
            c = (c ^ UInt64(bitPattern: words[index + 2])) &* multipliers.2
            d = (d ^ UInt64(bitPattern: words[index + 3])) &* multipliers.3
            a ^= a >> 29
            b ^= b >> 29
            c ^= c >> 29
            d ^= d >> 29
            index += 4
        }
        while index < count {
            a = (a ^ UInt64(bitPattern: words[index])) &* multipliers.0
            a ^= a >> 29
            index += 1
        }
        var h = a ^ (b &* 31) ^ (c &* 1009) ^ (d &* 65_537) ^ UInt64(count)
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return h
    }
}
