import Foundation
import GraceSemantics

/// The visited set: every state seen, stored exactly (no state is lost to a
/// hash collision), in discovery order.
///
/// A state is cut into its global part (memory, lifetimes, RCU queue) and
/// one part per CPU; each part is interned once in a component table (all
/// CPUs share one, so an idle CPU costs nothing), and a state is the tuple of
/// its parts' indices, itself interned. States that differ in one CPU share
/// every other part — SPIN's collapse compression.
struct StateStore {
    let layout: StateLayout
    private var globals: ComponentTable
    private var cpus: ComponentTable
    private var tuples: ComponentTable
    private var tuple: [Int64]

    init(layout: StateLayout) {
        self.layout = layout
        globals = ComponentTable(stride: layout.cpuBase)
        cpus = ComponentTable(stride: layout.cpuSize)
        tuples = ComponentTable(stride: 1 + layout.cpuCount)
        tuple = Array(repeating: 0, count: 1 + layout.cpuCount)
    }

    var count: Int { tuples.count }

    /// Bytes held by the store, for the memory budget and statistics.
    var byteCount: Int { globals.byteCount + cpus.byteCount + tuples.byteCount }

    /// Inserts a state; returns its index and whether it was new.
    mutating func insert(_ state: MachineState) -> (index: Int, isNew: Bool) {
        insert(state, near: nil)
    }

    /// Inserts a successor of a stored state: parts equal to the parent's
    /// take the parent's component without hashing (a step changes one CPU
    /// and perhaps memory, rarely more).
    mutating func insert(_ state: MachineState, near parent: (state: MachineState, parts: [Int64])?) -> (index: Int, isNew: Bool) {
        state.words.withUnsafeBufferPointer { words in
            let parentWords = parent?.state.words
            func unchanged(_ range: Range<Int>) -> Bool {
                guard let parentWords else { return false }
                return parentWords.withUnsafeBufferPointer { old in
                    memcmp(old.baseAddress! + range.lowerBound, words.baseAddress! + range.lowerBound, range.count * 8) == 0
                }
            }
            let global = 0..<layout.cpuBase
            tuple[0] = unchanged(global) ? parent!.parts[0] : Int64(globals.intern(UnsafeBufferPointer(rebasing: words[global])).index)
            for cpu in 0..<layout.cpuCount {
                let range = layout.cpu(cpu)..<(layout.cpu(cpu) + layout.cpuSize)
                tuple[1 + cpu] = unchanged(range) ? parent!.parts[1 + cpu] : Int64(cpus.intern(UnsafeBufferPointer(rebasing: words[range])).index)
            }
        }
        return tuple.withUnsafeBufferPointer { tuples.intern($0) }
    }

    /// The index of a stored state, without storing it.
    func find(_ state: MachineState) -> Int? {
        var parts = [Int64](repeating: 0, count: 1 + layout.cpuCount)
        let complete = state.words.withUnsafeBufferPointer { words -> Bool in
            guard let global = globals.find(UnsafeBufferPointer(rebasing: words[0..<layout.cpuBase])) else { return false }
            parts[0] = Int64(global)
            for cpu in 0..<layout.cpuCount {
                let start = layout.cpu(cpu)
                guard let part = cpus.find(UnsafeBufferPointer(rebasing: words[start..<(start + layout.cpuSize)])) else { return false }
                parts[1 + cpu] = Int64(part)
            }
            return true
        }
        guard complete else { return nil }
        return parts.withUnsafeBufferPointer { tuples.find($0) }
    }

    /// The component indices of a stored state.
    func parts(_ index: Int, into buffer: inout [Int64]) {
        if buffer.count != 1 + layout.cpuCount { buffer = Array(repeating: 0, count: 1 + layout.cpuCount) }
        buffer.withUnsafeMutableBufferPointer { tuples.copy(index, into: $0) }
    }

    /// Rebuilds state `index` into `state` and its part indices into
    /// `parts`, reusing the storage of both.
    func load(_ index: Int, into state: inout MachineState, parts: inout [Int64]) {
        if state.words.count != layout.totalWords {
            state.words = ContiguousArray(repeating: 0, count: layout.totalWords)
        }
        self.parts(index, into: &parts)
        state.words.withUnsafeMutableBufferPointer { words in
            globals.copy(Int(parts[0]), into: UnsafeMutableBufferPointer(rebasing: words[0..<layout.cpuBase]))
            for cpu in 0..<layout.cpuCount {
                let start = layout.cpu(cpu)
                cpus.copy(Int(parts[1 + cpu]), into: UnsafeMutableBufferPointer(rebasing: words[start..<(start + layout.cpuSize)]))
            }
        }
    }

    func state(_ index: Int) -> MachineState {
        var state = MachineState(words: ContiguousArray(repeating: 0, count: layout.totalWords))
        var parts: [Int64] = []
        load(index, into: &state, parts: &parts)
        return state
    }
}
