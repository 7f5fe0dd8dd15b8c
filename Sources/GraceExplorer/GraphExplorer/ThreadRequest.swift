import GraceFrontend
import GraceSemantics

/// The dependencies an event carries (herd7's addr, data and ctrl).
struct EventDependencies: Sendable {
    var address = DependencySet()
    var data = DependencySet()
    var control = DependencySet()
}

/// What a thread asks of the explorer when it reaches an instruction other
/// threads could observe. The thread has popped the instruction's operands
/// and waits for the explorer to complete it.
enum ThreadRequest: Sendable {
    /// A load; the explorer pushes the value read (or, for test_bit, the bit).
    case read(cell: Int, tag: EventTag, bit: Int64?, EventDependencies)
    case write(cell: Int, value: Int64, tag: EventTag, EventDependencies)
    /// An atomic read-modify-write; the explorer pushes its result, if any.
    case atomic(AtomicRequest)
    /// A fence or RCU marker; `synchronize_srcu` names its srcu_struct's cell.
    case fence(EventTag, cell: Int?, EventDependencies)
    case lock(cell: Int, LockOperation, EventDependencies)
    /// Frees a page (`__free_page`, `put_page`): drops a reference and, with
    /// the last, ends the page's lifetime.
    case free(object: Int, EventDependencies)
    /// `call_rcu(head, function)`: queues the callback, which a new thread
    /// runs after a grace period.
    case callRCU(headCell: Int, head: Int64, function: Int, EventDependencies)
    /// `choose(n)`: the explorer pushes each of 0..<n in turn.
    case choose(Int)
    /// A loop iteration that changed nothing but issued `reads`, ending where
    /// it began; `previous` is the iteration before it when that one did the
    /// same. An await that reads the same writes again is blocked.
    case awaitIteration(reads: Range<Int>, previous: Range<Int>?, run: Int)
    case violation(Violation)
    /// A limit of Grace: the thread ran too long without an event, and
    /// whether it loops forever is not known.
    case limitReached(String)
    case finished
}
