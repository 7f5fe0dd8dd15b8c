import GraceFrontend

/// One state of the machine: every word of memory, object lifetimes, the
/// RCU queue and every CPU's contexts, in the layout of `StateLayout`.
public struct MachineState: Sendable, Hashable {
    public var words: ContiguousArray<Int64>

    public init(words: ContiguousArray<Int64>) {
        self.words = words
    }

    @inline(__always)
    public subscript(index: Int) -> Int64 {
        get { words[index] }
        set { words[index] = newValue }
    }
}
