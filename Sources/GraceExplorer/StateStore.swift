import Foundation
import GraceSemantics

/// The visited set: every state seen, stored exactly and packed by a
/// ``StateCodec``, in discovery order. A lookup compares packed states in
/// full on a hash match, so no state is ever lost to a hash collision.
///
/// Lookups and loads only read, so workers may share a store while no one
/// inserts; inserting is for one thread at a time.
struct StateStore: @unchecked Sendable {
    private(set) var codec: StateCodec
    private var arena: PackedArena
    /// Open addressing: (index + 1) << 32 | the low 32 bits of the state's
    /// hash, 0 for an empty slot. The slot comes from the same low bits,
    /// so the table grows without rehashing a state.
    private var table: ContiguousArray<UInt64>
    private var mask: Int

    init(layout: StateLayout) {
        codec = StateCodec(wordCount: layout.totalWords)
        arena = PackedArena(strideWords: codec.strideWords)
        table = ContiguousArray(repeating: 0, count: 1 << 12)
        mask = table.count - 1
    }

    var count: Int { arena.count }

    /// Bytes held by the store, for the memory budget and statistics.
    var byteCount: Int { arena.byteCount + table.count * 8 }

    /// The packed state `index`, valid until the next insertion.
    @inline(__always)
    func packed(_ index: Int) -> UnsafePointer<UInt64> { UnsafePointer(arena.pointer(index)) }

    /// Unpacks state `index` into `state`, whose words must be those of a
    /// state of this store's layout (or zeros).
    /// Returns the state's hash.
    @discardableResult
    func load(_ index: Int, into state: inout MachineState) -> UInt64 {
        let packed = packed(index)
        return state.words.withUnsafeMutableBufferPointer { codec.decode(packed, into: $0) }
    }

    func state(_ index: Int) -> MachineState {
        var state = MachineState(words: ContiguousArray(repeating: 0, count: codec.wordCount))
        load(index, into: &state)
        return state
    }

    /// The index of a packed state (under the current codec), if stored.
    @inline(__always)
    func find(_ packed: UnsafePointer<UInt64>, hash: UInt64) -> Int? {
        let tag = hash & 0xFFFF_FFFF
        let stride = codec.strideWords
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF == tag {
                let index = Int(entry >> 32) - 1
                if memcmp(arena.pointer(index), packed, stride * 8) == 0 { return index }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The index of a stored state, without storing it.
    func find(_ state: MachineState) -> Int? {
        var packed = [UInt64](repeating: 0, count: codec.strideWords)
        let known = state.words.withUnsafeBufferPointer { words in
            packed.withUnsafeMutableBufferPointer { codec.encode(words, into: $0.baseAddress!) }
        }
        guard known else { return nil }
        let hash = state.words.withUnsafeBufferPointer { StateHash.hash($0) }
        return packed.withUnsafeBufferPointer { find($0.baseAddress!, hash: hash) }
    }

    /// Inserts a state packed under the current codec; returns its index
    /// and whether it was new.
    @inline(__always)
    mutating func insert(_ packed: UnsafePointer<UInt64>, hash: UInt64) -> (index: Int, isNew: Bool) {
        if let index = find(packed, hash: hash) { return (index, false) }
        let index = arena.count
        arena.append(packed)
        if (arena.count) * 2 > table.count { grow() }
        place(index: index, hash: hash)
        return (index, true)
    }

    /// Inserts a state, first giving codes to the values the codec has not
    /// seen (which may widen fields and pack every stored state again).
    mutating func insert(_ state: MachineState) -> (index: Int, isNew: Bool) {
        learnValues(of: state)
        var packed = [UInt64](repeating: 0, count: codec.strideWords)
        state.words.withUnsafeBufferPointer { words in
            packed.withUnsafeMutableBufferPointer { _ = codec.encode(words, into: $0.baseAddress!) }
        }
        let hash = state.words.withUnsafeBufferPointer { StateHash.hash($0) }
        return packed.withUnsafeBufferPointer { insert($0.baseAddress!, hash: hash) }
    }

    /// Gives codes to the values of `state` the codec has not seen.
    mutating func learnValues(of state: MachineState) {
        let before = codec
        state.words.withUnsafeBufferPointer { words in
            for slot in 0..<words.count where words[slot] != 0 { codec.learn(words[slot], at: slot) }
        }
        finishLearning(since: before)
    }

    /// Gives codes to values the codec has not seen, without packing the
    /// store again: a batch of values is learned first, then
    /// `finishLearning(since:)` runs once for all of them.
    mutating func learn(_ value: Int64, at slot: Int) {
        codec.learn(value, at: slot)
    }

    /// Makes what was learned since the codec was `old` usable, packing
    /// every stored state again if the layout changed; returns the plan,
    /// for packed states held elsewhere.
    @discardableResult
    mutating func finishLearning(since old: StateCodec) -> RepackPlan? {
        codec.refresh()
        guard codec.generation != old.generation else { return nil }
        let plan = codec.repacking(from: old)
        arena.transcode(to: codec.strideWords) { plan.repack($0, into: $1) }
        return plan
    }

    private mutating func grow() {
        let old = table
        table = ContiguousArray(repeating: 0, count: old.count * 2)
        mask = table.count - 1
        for entry in old where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = entry
        }
    }

    private mutating func place(index: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while table[slot] != 0 { slot = (slot + 1) & mask }
        table[slot] = UInt64(index + 1) << 32 | (hash & 0xFFFF_FFFF)
    }
}

/// Packed states in fixed-size segments: the store grows without copying
/// what it holds, so its peak memory is what it holds.
final class PackedArena: @unchecked Sendable {
    private static let segmentShift = 14
    private static let segmentMask = (1 << segmentShift) - 1
    private var segments: [UnsafeMutablePointer<UInt64>] = []
    private(set) var strideWords: Int
    private(set) var count = 0

    init(strideWords: Int) {
        self.strideWords = strideWords
    }

    deinit {
        for segment in segments { segment.deallocate() }
    }

    var byteCount: Int { segments.count * (strideWords << Self.segmentShift) * 8 }

    @inline(__always)
    func pointer(_ index: Int) -> UnsafeMutablePointer<UInt64> {
        segments[index >> Self.segmentShift] + (index & Self.segmentMask) * strideWords
    }

    func append(_ packed: UnsafePointer<UInt64>) {
        if count >> Self.segmentShift == segments.count {
            segments.append(.allocate(capacity: strideWords << Self.segmentShift))
        }
        pointer(count).update(from: packed, count: strideWords)
        count += 1
    }

    /// Rewrites every state at a new stride, one segment at a time.
    func transcode(to newStride: Int, _ convert: (UnsafePointer<UInt64>, UnsafeMutablePointer<UInt64>) -> Void) {
        let oldStride = strideWords
        for (number, segment) in segments.enumerated() {
            let replacement = UnsafeMutablePointer<UInt64>.allocate(capacity: newStride << Self.segmentShift)
            let states = min(count - (number << Self.segmentShift), 1 << Self.segmentShift)
            for offset in 0..<states {
                convert(segment + offset * oldStride, replacement + offset * newStride)
            }
            segment.deallocate()
            segments[number] = replacement
        }
        strideWords = newStride
    }
}
