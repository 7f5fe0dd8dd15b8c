import Foundation

/// Interns fixed-size vectors of words: each distinct vector is stored once
/// and named by its index. States share their unchanged parts through it.
struct ComponentTable {
    let stride: Int
    private(set) var arena: ContiguousArray<Int64> = []
    private var hashes: ContiguousArray<UInt64> = []
    private var table: ContiguousArray<Int32>
    private var mask: Int

    init(stride: Int) {
        self.stride = stride
        table = ContiguousArray(repeating: -1, count: 1 << 10)
        mask = (1 << 10) - 1
    }

    var count: Int { hashes.count }

    var byteCount: Int { arena.capacity * 8 + hashes.capacity * 8 + table.count * 4 }

    /// The index of the vector `words[range]`, storing it if it is new.
    mutating func intern(_ words: UnsafeBufferPointer<Int64>) -> (index: Int, isNew: Bool) {
        let hash = StableHasher.hash(words)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(table[slot])
            if entry < 0 { break }
            if hashes[entry] == hash && equals(entry, words) { return (entry, false) }
            slot = (slot + 1) & mask
        }
        let index = hashes.count
        table[slot] = Int32(index)
        hashes.append(hash)
        arena.append(contentsOf: words)
        if hashes.count * 2 > table.count { grow() }
        return (index, true)
    }

    /// The index of a stored vector, without storing it.
    func find(_ words: UnsafeBufferPointer<Int64>) -> Int? {
        let hash = StableHasher.hash(words)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(table[slot])
            if entry < 0 { return nil }
            if hashes[entry] == hash && equals(entry, words) { return entry }
            slot = (slot + 1) & mask
        }
    }

    func copy(_ index: Int, into destination: UnsafeMutableBufferPointer<Int64>) {
        arena.withUnsafeBufferPointer { stored in
            destination.baseAddress!.update(from: stored.baseAddress! + index * stride, count: stride)
        }
    }

    private func equals(_ index: Int, _ words: UnsafeBufferPointer<Int64>) -> Bool {
        arena.withUnsafeBufferPointer { stored in
            memcmp(stored.baseAddress! + index * stride, words.baseAddress!, stride * 8) == 0
        }
    }

    private mutating func grow() {
        let size = table.count * 2
        table = ContiguousArray(repeating: -1, count: size)
        mask = size - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(index)
        }
    }
}
