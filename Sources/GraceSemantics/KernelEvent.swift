/// What a step did to the machine, as data: recorded while a trace is
/// replayed or a footprint computed, beside the lines a trace prints, for
/// the footprint, the explanation and the links between steps to read
/// instead of text or state.
public enum KernelEvent: Sendable, Hashable {
    /// An access to shared memory through the memory model.
    case access(MemoryAccess)
    /// The allocator handed out `object`, or (nil) failed as the gfp flags
    /// allow.
    case allocated(object: Int?)
    /// An object's lifetime ended.
    case freed(object: Int)
    /// An IPI was posted to the CPUs of the mask.
    case ipiSent(targets: Int64)
    /// `cpu` took its pending IPI.
    case ipiTaken(cpu: Int)
    /// call_rcu queued the callback of the rcu_head `head` points at.
    case callbackQueued(head: Int64)
    /// Softirq dequeued that callback to run it.
    case callbackRun(head: Int64)
    /// A grace period began that some CPU or reader holds up; it may end
    /// in the same step.
    case gracePeriodStarted(GracePeriod)
    /// Every reader it waited for has left.
    case gracePeriodEnded(GracePeriod)
    /// A store by `cpu` went into its store buffer, not to memory.
    case storeBuffered(cpu: Int)
    /// The oldest store in `cpu`'s store buffer reached memory.
    case storeReachedMemory(cpu: Int)

    /// A grace period by what waits for it.
    public enum GracePeriod: Sendable, Hashable {
        /// The callback queued on the rcu_head `head` points at.
        case callback(head: Int64)
        /// synchronize_rcu or synchronize_sched in the context at this
        /// offset of the state.
        case synchronize(context: Int)
        /// synchronize_srcu in the context at this offset.
        case srcu(context: Int)
    }
}
