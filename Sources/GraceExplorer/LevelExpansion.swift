import Foundation
import GraceSemantics

/// What expanding one state found, told to the merge that follows: the
/// search decides from these, in the order of the states, exactly what a
/// one-state-at-a-time search would have decided.
struct ExpandedState {
    enum Terminal {
        case none
        /// No successor, and every context finished: a complete run.
        case final
        /// No successor, not final, and the properties call it a counterexample.
        case stuck
    }

    /// The successors the state has: its transitions.
    var successorCount: Int32 = 0
    /// Whether a step from it broke a property.
    var violatingStep = false
    var terminal = Terminal.none
    /// The first limit of Grace one of its steps ran into.
    var limit: String?
    /// Its successors that were stored neither before the level nor
    /// earlier in its chunk: candidates of its chunk.
    var candidates: Range<Int32> = 0..<0
}

/// The expansion of a run of consecutive states of a level, by one worker:
/// what each state found, and the successors that may be new, packed
/// under the codec of the level, in the order a search of one state at a
/// time would meet them. A candidate with a value the codec has no code
/// for yet is its parent with the words it changes, packed once the merge
/// has given the level's new values codes.
struct ExpandedChunk {
    var states: [ExpandedState] = []
    private(set) var hashes: [UInt64] = []
    private(set) var packed: [UInt64] = []
    private(set) var unpacked: [(candidate: Int32, changes: Range<Int32>)] = []
    private(set) var changes: [(slot: Int32, value: Int64)] = []
    /// Set when a budget (time, Ctrl-C) ended the expansion before this
    /// chunk was done: states beyond `states` were not expanded.
    var cutShort: String?
    /// The packed candidates by hash, for dropping a successor met twice in
    /// the chunk: the second meeting is never new, in any order of search.
    private var table: [Int32] = Array(repeating: 0, count: 1 << 8)
    private let stride: Int

    init(stride: Int) {
        self.stride = stride
    }

    var candidateCount: Int32 { Int32(hashes.count) }

    /// Adds a packed candidate unless the chunk has it already.
    mutating func add(_ state: UnsafePointer<UInt64>, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & (table.count - 1)
        while table[slot] != 0 {
            let other = Int(table[slot]) - 1
            if hashes[other] == hash && packed.withUnsafeBufferPointer({ memcmp($0.baseAddress! + other * stride, state, stride * 8) }) == 0 {
                return
            }
            slot = (slot + 1) & (table.count - 1)
        }
        table[slot] = Int32(hashes.count + 1)
        hashes.append(hash)
        packed.append(contentsOf: UnsafeBufferPointer(start: state, count: stride))
        if hashes.count * 2 > table.count { grow() }
    }

    /// Adds a candidate with values the codec has no code for: `state` is
    /// its parent with the other changes, `changes` all it changed.
    mutating func add(_ state: UnsafePointer<UInt64>, hash: UInt64, changes stepChanges: [(slot: Int32, value: Int64)]) {
        let start = Int32(changes.count)
        changes.append(contentsOf: stepChanges)
        unpacked.append((Int32(hashes.count), start..<Int32(changes.count)))
        hashes.append(hash)
        packed.append(contentsOf: UnsafeBufferPointer(start: state, count: stride))
    }

    private mutating func grow() {
        table = Array(repeating: 0, count: table.count * 2)
        for (index, hash) in hashes.enumerated() where !unpacked.contains(where: { $0.candidate == Int32(index) }) {
            var slot = Int(truncatingIfNeeded: hash) & (table.count - 1)
            while table[slot] != 0 { slot = (slot + 1) & (table.count - 1) }
            table[slot] = Int32(index + 1)
        }
    }

    /// Packs every candidate under the store's codec, once the values of
    /// the level have codes: all move by `plan` if the layout changed, and
    /// the unpacked ones then take their changes.
    mutating func pack(for store: StateStore, movedBy plan: RepackPlan?) {
        table = []
        if let plan { packed = plan.repack(packed) }
        let codec = store.codec
        let stride = codec.strideWords
        packed.withUnsafeMutableBufferPointer { buffer in
            for (candidate, range) in unpacked {
                for change in changes[Int(range.lowerBound)..<Int(range.upperBound)] {
                    let known = codec.set(change.value, at: Int(change.slot), in: buffer.baseAddress! + Int(candidate) * stride)
                    precondition(known, "[grace internal bug] a value of the level has no code")
                }
            }
        }
        unpacked = []
        changes = []
    }

    /// The packed candidate `number`.
    func withCandidate<Result>(_ number: Int32, stride: Int, _ body: (UnsafePointer<UInt64>, UInt64) -> Result) -> Result {
        packed.withUnsafeBufferPointer { body($0.baseAddress! + Int(number) * stride, hashes[Int(number)]) }
    }
}

/// The level a shard splits: the states of it that are not the shard's
/// are not expanded.
struct ShardSplit {
    var level: Range<Int>
    var spec: ShardSpec
}

/// A worker's buffers, reused from state to state.
struct ExpansionScratch {
    var state: MachineState
    var successor: MachineState
    var packed: [UInt64] = []
    var changes: [(slot: Int32, value: Int64)] = []
    /// The epoch at which each slot was last compared: a journal names a
    /// slot once per write, and each slot is compared once per successor.
    var seen: [UInt32]
    var epoch: UInt32 = 0

    init(wordCount: Int) {
        state = MachineState(words: ContiguousArray(repeating: 0, count: wordCount))
        successor = state
        seen = Array(repeating: 0, count: wordCount)
    }
}

extension BreadthFirstChecker {
    /// Expands states `range` of the store (all of one breadth-first level):
    /// runs every step, drops the successors stored already, and packs the
    /// rest under the store's codec. Only reads the store and properties,
    /// so workers run it side by side on different chunks.
    /// Under a split, the states of the level that are not this shard's
    /// are passed over as if they had no successor and were not final.
    func expand(_ range: Range<Int>, of store: StateStore, properties: [any Property<System>],
                scratch: inout ExpansionScratch, split: ShardSplit?, budget: () -> String?) -> ExpandedChunk {
        let codec = store.codec
        let stride = codec.strideWords
        var chunk = ExpandedChunk(stride: stride)
        chunk.states.reserveCapacity(range.count)
        if scratch.packed.count != stride { scratch.packed = Array(repeating: 0, count: stride) }
        for index in range {
            if (index - range.lowerBound) & 63 == 63, let reason = budget() {
                chunk.cutShort = reason
                break
            }
            if let split, !split.spec.owns(position: index - split.level.lowerBound, width: split.level.count) {
                chunk.states.append(ExpandedState(candidates: chunk.candidateCount..<chunk.candidateCount))
                continue
            }
            let parentHash = store.load(index, into: &scratch.state)
            let parentPacked = store.packed(index)
            var expanded = ExpandedState()
            let first = chunk.candidateCount
            var packed: [UInt64] = []
            var changes: [(slot: Int32, value: Int64)] = []
            var seen: [UInt32] = []
            var epoch = scratch.epoch
            swap(&packed, &scratch.packed)
            swap(&changes, &scratch.changes)
            swap(&seen, &scratch.seen)
            let parent = scratch.state
            let expansion = system.forEachSuccessor(of: parent, scratch: &scratch.successor) { _, concrete, violation in
                if let violation {
                    if properties.counterexample(in: .violatingStep(violation), of: system) != nil { expanded.violatingStep = true }
                    return
                }
                // Copied only when canonical form moves blocks.
                var successor = concrete
                if let symmetry { _ = symmetry.canonicalize(&successor) }
                changes.removeAll(keepingCapacity: true)
                var hash = parentHash
                var known = true
                // Only the slots the step (and the canonical form) wrote can
                // differ from the parent: the successor's journal names them,
                // some more than once.
                epoch &+= 1
                if epoch == 0 {
                    for index in seen.indices { seen[index] = 0 }
                    epoch = 1
                }
                packed.withUnsafeMutableBufferPointer { target in
                    target.baseAddress!.update(from: parentPacked, count: stride)
                    parent.words.withUnsafeBufferPointer { old in
                        successor.words.withUnsafeBufferPointer { new in
                            seen.withUnsafeMutableBufferPointer { seen in
                                for slot32 in successor.journal {
                                    let slot = Int(slot32)
                                    guard seen[slot] != epoch else { continue }
                                    seen[slot] = epoch
                                    guard old[slot] != new[slot] else { continue }
                                    hash = hash &- StateHash.term(slot, old[slot]) &+ StateHash.term(slot, new[slot])
                                    changes.append((slot32, new[slot]))
                                    if known && !codec.set(new[slot], at: slot, in: target.baseAddress!) { known = false }
                                }
                            }
                        }
                    }
                }
                packed.withUnsafeBufferPointer { packed in
                    if !known {
                        chunk.add(packed.baseAddress!, hash: hash, changes: changes)
                    } else if store.find(packed.baseAddress!, hash: hash) == nil {
                        chunk.add(packed.baseAddress!, hash: hash)
                    }
                }
            }
            scratch.packed = packed
            scratch.changes = changes
            scratch.seen = seen
            scratch.epoch = epoch
            expanded.successorCount = Int32(expansion.count)
            expanded.limit = expansion.limit
            expanded.candidates = first..<chunk.candidateCount
            if expansion.count == 0 && expansion.limit == nil {
                if system.isFinal(parent) {
                    expanded.terminal = .final
                } else if properties.counterexample(in: .stuck(parent), of: system) != nil {
                    expanded.terminal = .stuck
                }
            }
            chunk.states.append(expanded)
        }
        return chunk
    }
}
