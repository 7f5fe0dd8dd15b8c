/// A fixed-seed 64-bit hash of states. Swift's `Hasher` is seeded per
/// process, so it must never decide anything that reaches output or
/// exploration order; this one gives the same value on every machine.
///
/// A state's hash is the wrapping sum of one term per nonzero word, mixed
/// from the word's index and value (Zobrist hashing with a mixer in place
/// of a table): a step that changes k words of a state costs k terms to
/// rehash, not a pass over the whole state, and packing a state anew
/// never changes its hash.
enum StateHash {
    @inline(__always)
    static func term(_ slot: Int, _ value: Int64) -> UInt64 {
        if value == 0 { return 0 }
        var x = UInt64(bitPattern: value) &+ (UInt64(slot) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    /// The hash of a whole state.
    static func hash(_ words: UnsafeBufferPointer<Int64>) -> UInt64 {
        var hash: UInt64 = 0
        for slot in 0..<words.count where words[slot] != 0 { hash &+= term(slot, words[slot]) }
        return hash
    }
}
