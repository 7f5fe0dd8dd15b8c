import GraceFrontend
import GraceSemantics

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
