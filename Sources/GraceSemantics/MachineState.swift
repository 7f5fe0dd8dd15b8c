import Foundation
import GraceFrontend

/// One state of the machine: every word of memory, object lifetimes, the
/// RCU queue and every CPU's contexts, in the layout of `StateLayout`.
public struct MachineState: Sendable, Equatable {
    public var words: ContiguousArray<Int64>

    public init(words: ContiguousArray<Int64>) {
        self.words = words
    }

    public static func == (lhs: MachineState, rhs: MachineState) -> Bool {
        lhs.words.count == rhs.words.count && lhs.words.withUnsafeBufferPointer { a in
            rhs.words.withUnsafeBufferPointer { b in memcmp(a.baseAddress!, b.baseAddress!, a.count * 8) == 0 }
        }
    }

    @inline(__always)
    public subscript(index: Int) -> Int64 {
        get { words[index] }
        set { words[index] = newValue }
    }
}
