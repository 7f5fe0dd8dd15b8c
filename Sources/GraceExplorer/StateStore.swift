import GraceSemantics

/// The visited set: every state seen, stored exactly (no state is lost to a
/// hash collision), in discovery order, in one flat arena of words.
///
/// States are fixed-size vectors, so state `i` lives at `i * stride`; the open
/// addressing table maps a stable hash to state indices and full comparison
/// settles collisions.
struct StateStore {
    let stride: Int
    private(set) var arena: ContiguousArray<Int64> = []
    private var hashes: ContiguousArray<UInt64> = []
    private var table: ContiguousArray<Int32>
    private var mask: Int

    init(stride: Int) {
        self.stride = stride
        table = ContiguousArray(repeating: -1, count: 1 << 12)
        mask = (1 << 12) - 1
    }

    var count: Int { hashes.count }

    /// Bytes held by the store, for the memory budget and statistics.
    var byteCount: Int {
        arena.capacity * 8 + hashes.capacity * 8 + table.count * 4
    }

    func state(_ index: Int) -> MachineState {
        MachineState(words: ContiguousArray(arena[(index * stride)..<((index + 1) * stride)]))
    }

    /// Inserts a state; returns its index and whether it was new.
    mutating func insert(_ state: MachineState) -> (index: Int, isNew: Bool) {
        let hash = StableHasher.hash(state.words)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(table[slot])
            if entry < 0 { break }
            if hashes[entry] == hash && equals(entry, state) { return (entry, false) }
            slot = (slot + 1) & mask
        }
        let index = hashes.count
        table[slot] = Int32(index)
        hashes.append(hash)
        arena.append(contentsOf: state.words)
        if hashes.count * 2 > table.count { grow() }
        return (index, true)
    }

    private func equals(_ index: Int, _ state: MachineState) -> Bool {
        let base = index * stride
        return arena.withUnsafeBufferPointer { stored in
            state.words.withUnsafeBufferPointer { words in
                for offset in 0..<stride where stored[base + offset] != words[offset] { return false }
                return true
            }
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
