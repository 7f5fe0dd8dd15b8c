import Foundation
import GraceFrontend

/// One state of the machine: every word of memory, object lifetimes, the
/// RCU queue and every CPU's contexts, in the layout of `StateLayout`.
public struct MachineState: Sendable, Equatable {
    public var words: ContiguousArray<Int64>
    /// The slots written since `startJournal()`, in order, with repeats:
    /// a step writes a few words of thousands, so the search compares,
    /// hashes and undoes only these instead of the whole state.
    public private(set) var journal: ContiguousArray<Int32> = []
    private var isJournaling = false

    public init(words: ContiguousArray<Int64>) {
        self.words = words
    }

    /// Equal words; the journal is bookkeeping, not state.
    public static func == (lhs: MachineState, rhs: MachineState) -> Bool {
        lhs.words.count == rhs.words.count && lhs.words.withUnsafeBufferPointer { a in
            rhs.words.withUnsafeBufferPointer { b in memcmp(a.baseAddress!, b.baseAddress!, a.count * 8) == 0 }
        }
    }

    @inline(__always)
    public subscript(index: Int) -> Int64 {
        get { words[index] }
        set {
            if isJournaling { journal.append(Int32(truncatingIfNeeded: index)) }
            words[index] = newValue
        }
    }

    /// Records every write from now on, starting from an empty journal.
    public mutating func startJournal() {
        journal.removeAll(keepingCapacity: true)
        isJournaling = true
    }

    public mutating func stopJournal() {
        journal.removeAll(keepingCapacity: true)
        isJournaling = false
    }

    /// Whether this state differs from `origin`: with a journal started at
    /// `origin`, only the journaled slots can.
    public func differs(from origin: MachineState) -> Bool {
        guard isJournaling else { return self != origin }
        return words.withUnsafeBufferPointer { current in
            origin.words.withUnsafeBufferPointer { old in
                journal.contains { current[Int($0)] != old[Int($0)] }
            }
        }
    }

    /// Undoes the journaled writes from `origin`, the state the journal
    /// started from, and empties the journal: cheaper than copying the
    /// whole state back when a step wrote a few words.
    public mutating func rewind(to origin: MachineState) {
        let slots = journal
        words.withUnsafeMutableBufferPointer { current in
            origin.words.withUnsafeBufferPointer { old in
                for slot in slots { current[Int(slot)] = old[Int(slot)] }
            }
        }
        journal.removeAll(keepingCapacity: true)
    }
}
