/// What a step did to the machine, as data: recorded while a trace is
/// replayed or a footprint computed, beside the lines a trace prints, for
/// the footprint, the explanation and the links between steps to read
/// instead of text.
public enum KernelEvent: Sendable, Hashable {
    /// An access to shared memory through the memory model.
    case access(MemoryAccess)
    /// The allocator handed out `object`, or (nil) failed as the gfp flags
    /// allow.
    case allocated(object: Int?)
    /// An object's lifetime ended.
    case freed(object: Int)
}
