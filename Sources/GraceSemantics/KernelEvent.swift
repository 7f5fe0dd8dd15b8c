/// What a step did to the machine, as data: recorded while a trace is
/// replayed, beside the lines it prints, for the explanation and the links
/// between steps to read instead of text.
public enum KernelEvent: Sendable, Hashable {
    case access(MemoryAccess)
}
