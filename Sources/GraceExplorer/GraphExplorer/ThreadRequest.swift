import GraceFrontend
import GraceSemantics

/// A value of a thread's computation with the reads it derives from: the
/// indices, in the thread's program order, of the read events whose values
/// flowed into it through locals and arithmetic.
struct TaintedValue: Hashable, Sendable {
    var value: Int64
    var dependencies: DependencySet

    init(_ value: Int64, _ dependencies: DependencySet = DependencySet()) {
        self.value = value
        self.dependencies = dependencies
    }
}

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
    case fence(EventTag, EventDependencies)
    case lock(cell: Int, LockOperation, EventDependencies)
    /// `choose(n)`: the explorer pushes each of 0..<n in turn.
    case choose(Int)
    /// A loop iteration that changed nothing but issued `reads`, ending where
    /// it began; `previous` is the iteration before it when that one did the
    /// same. An await that reads the same writes again is blocked.
    case awaitIteration(reads: Range<Int>, previous: Range<Int>?, run: Int)
    case violation(Violation)
    case finished
}

/// An atomic read-modify-write: what it reads, what it would write and
/// return given the value read, and its LKMM ordering.
struct AtomicRequest: Sendable {
    enum Update: Sendable {
        case operation(RMWOperation, operand: Int64, result: RMWResult)
        case exchange(Int64)
        /// Writes `new` only when the cell holds `expected`; returns the old value.
        case compareExchange(expected: Int64, new: Int64)
        /// Adds unless the cell holds `unless`; returns whether it added.
        case addUnless(addend: Int64, unless: Int64)
        case bit(BitOperation, mask: Int64)
    }

    var cell: Int
    var update: Update
    var ordering: RMWOrdering
    var format: IntegerFormat
    var dependencies: EventDependencies

    /// What the RMW writes when it reads `old`, or nil when it fails and
    /// writes nothing; and what it returns.
    func outcome(reading old: Int64) -> (written: Int64?, returned: Int64?) {
        switch update {
        case .operation(let operation, let operand, let result):
            let new = operation.apply(old, operand, format: format)
            return (new, result.value(old: old, new: new))
        case .exchange(let new):
            return (new, old)
        case .compareExchange(let expected, let new):
            return (old == expected ? new : nil, old)
        case .addUnless(let addend, let unless):
            return old == unless ? (nil, 0) : (format.normalize(old &+ addend), 1)
        case .bit(let operation, let mask):
            return (operation.apply(old, mask: mask), operation.returnsOldBit ? (old & mask != 0 ? 1 : 0) : nil)
        }
    }

    /// Whether the primitive returns nothing: LKMM's `'noreturn` reads.
    var returnsNothing: Bool {
        switch update {
        case .operation(_, _, let result): return result == .none
        case .bit(let operation, _): return !operation.returnsOldBit
        default: return false
        }
    }
}
