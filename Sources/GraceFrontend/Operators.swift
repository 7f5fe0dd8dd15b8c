// The arithmetic of the stack machine, in one place for every engine that
// runs compiled code and for the compiler's constant folding (so a constant
// in an initialiser, an array bound or a case label has the value the same
// expression computes at run time): C's integer operators on 64-bit two's
// complement values and the updates of the atomic read-modify-write
// primitives.

extension UnaryOperator {
    public func evaluate(_ value: Int64) -> Int64 {
        switch self {
        case .negate: return 0 &- value
        case .bitwiseNot: return ~value
        case .logicalNot: return value == 0 ? 1 : 0
        case .toBool: return value == 0 ? 0 : 1
        }
    }
}

extension BinaryOperator {
    /// The operator C's binary `op` compiles to on operands of these types:
    /// the usual arithmetic conversions make a division, remainder or
    /// comparison unsigned when either operand is, and the left operand alone
    /// decides a shift. nil for `+`, `-` (pointer arithmetic decides those),
    /// the logical operators and unknown spellings.
    static func compiling(_ op: String, _ left: CType, _ right: CType) -> BinaryOperator? {
        let unsigned = left.isUnsignedOperand || right.isUnsignedOperand
        switch op {
        case "*": return .multiply
        case "/": return unsigned ? .unsignedDivide : .divide
        case "%": return unsigned ? .unsignedRemainder : .remainder
        case "<<": return .shiftLeft
        case ">>": return left.isUnsignedOperand ? .unsignedShiftRight : .shiftRight
        case "&": return .bitAnd
        case "|": return .bitOr
        case "^": return .bitXor
        case "==": return .equal
        case "!=": return .notEqual
        case "<": return unsigned ? .unsignedLess : .less
        case ">": return unsigned ? .unsignedGreater : .greater
        case "<=": return unsigned ? .unsignedLessEqual : .lessEqual
        case ">=": return unsigned ? .unsignedGreaterEqual : .greaterEqual
        default: return nil
        }
    }

    /// The result, or nil for a division or remainder by zero.
    public func evaluate(_ a: Int64, _ b: Int64) -> Int64? {
        switch self {
        case .add: return a &+ b
        case .subtract: return a &- b
        case .multiply: return a &* b
        case .divide: return b == 0 ? nil : (a == .min && b == -1 ? a : a / b)
        case .remainder: return b == 0 ? nil : (b == -1 ? 0 : a % b)
        case .unsignedDivide: return b == 0 ? nil : Int64(bitPattern: UInt64(bitPattern: a) / UInt64(bitPattern: b))
        case .unsignedRemainder: return b == 0 ? nil : Int64(bitPattern: UInt64(bitPattern: a) % UInt64(bitPattern: b))
        case .shiftLeft: return b < 0 || b > 63 ? 0 : a << b
        case .shiftRight: return b < 0 || b > 63 ? (a < 0 ? -1 : 0) : a >> b
        case .unsignedShiftRight: return b < 0 || b > 63 ? 0 : Int64(bitPattern: UInt64(bitPattern: a) >> UInt64(b))
        case .bitAnd: return a & b
        case .bitOr: return a | b
        case .bitXor: return a ^ b
        case .equal: return a == b ? 1 : 0
        case .notEqual: return a != b ? 1 : 0
        case .less: return a < b ? 1 : 0
        case .lessEqual: return a <= b ? 1 : 0
        case .greater: return a > b ? 1 : 0
        case .greaterEqual: return a >= b ? 1 : 0
        case .unsignedLess: return UInt64(bitPattern: a) < UInt64(bitPattern: b) ? 1 : 0
        case .unsignedLessEqual: return UInt64(bitPattern: a) <= UInt64(bitPattern: b) ? 1 : 0
        case .unsignedGreater: return UInt64(bitPattern: a) > UInt64(bitPattern: b) ? 1 : 0
        case .unsignedGreaterEqual: return UInt64(bitPattern: a) >= UInt64(bitPattern: b) ? 1 : 0
        }
    }
}

extension RMWOperation {
    /// The value an atomic update writes, wrapped to the cell's format.
    public func apply(_ old: Int64, _ operand: Int64, format: IntegerFormat) -> Int64 {
        let raw: Int64
        switch self {
        case .add: raw = old &+ operand
        case .subtract: raw = old &- operand
        case .and: raw = old & operand
        case .or: raw = old | operand
        case .xor: raw = old ^ operand
        case .andNot: raw = old & ~operand
        }
        return format.normalize(raw)
    }
}

extension RMWResult {
    /// What the primitive returns, given the old and new values; nil for the void forms.
    public func value(old: Int64, new: Int64) -> Int64? {
        switch self {
        case .none: return nil
        case .new: return new
        case .old: return old
        case .isZero: return new == 0 ? 1 : 0
        case .isNegative: return new < 0 ? 1 : 0
        }
    }
}

extension BitOperation {
    /// The word after the operation on bit `mask`.
    public func apply(_ word: Int64, mask: Int64) -> Int64 {
        switch self {
        case .set, .testAndSet, .nonAtomicSet: return word | mask
        case .clear, .testAndClear, .nonAtomicClear: return word & ~mask
        case .change, .testAndChange: return word ^ mask
        }
    }
}
