/// A digest of a model's text that is the same on every machine and in
/// every process (Swift's `Hasher` is seeded per process): shards record
/// it, and `grace merge` refuses shards of different texts.
enum ModelDigest {
    /// FNV-1a, 64 bits, written as `fnv1a64:` and 16 hexadecimal digits.
    static func of(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
