/// What a step did, as its trace events say: the kinds of event a primitive
/// can produce, and the `kind` of every event in a trace.
public enum EventKind: String, Sendable, CaseIterable {
    case read, write, update, fence, lock, unlock, alloc, free, rcu, context, check, note
}
