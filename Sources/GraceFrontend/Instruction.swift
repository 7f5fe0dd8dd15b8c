/// How a memory access is ordered (LKMM classes; SPEC §2.5).
public enum AccessOrdering: UInt8, Sendable {
    case plain, once, acquire, release
}

/// One operation of the stack machine each context runs. Local operations
/// are invisible to other CPUs; memory accesses and primitives are the steps
/// the explorer interleaves.
public enum Instruction: Sendable {
    case push(Int64)
    case pop
    case dup
    case loadLocal(Int)
    case storeLocal(Int)
    /// Pushes the address of a local that lives in the context's stack
    /// memory (its address is taken, or it is an array or a struct).
    case stackAddress(Int)
    /// Pops an address, pushes the cell's value.
    case load(AccessOrdering)
    /// Pops a value and an address; wraps the value to `format` when given.
    case store(AccessOrdering, IntegerFormat?)
    /// A store into a union member that shares cells with a list_head
    /// `listDelta` cells away: writing it while that list_head is linked is
    /// union misuse.
    case storeOverlaid(IntegerFormat?, listDelta: Int)
    case unary(UnaryOperator)
    case binary(BinaryOperator)
    case convert(IntegerFormat)
    /// Adds a constant number of cells to the pointer on top.
    case offset(Int)
    /// Pops an index and a pointer; pushes the pointer moved by index * stride cells.
    case index(stride: Int, bound: Int?)
    case jump(Int)
    case jumpIfFalse(Int)
    case jumpIfTrue(Int)
    case call(function: Int, arguments: Int)
    case ret(hasValue: Bool)
    case primitive(Primitive)
    /// Pops a condition; a true one is a `bug`, `warning` or `assertion`.
    case check(CheckKind)
    case fence(FenceKind)
}

public enum UnaryOperator: UInt8, Sendable {
    case negate, bitwiseNot, logicalNot, toBool
}

public enum BinaryOperator: UInt8, Sendable {
    case add, subtract, multiply, divide, remainder
    case shiftLeft, shiftRight, bitAnd, bitOr, bitXor
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case unsignedLess, unsignedLessEqual, unsignedGreater, unsignedGreaterEqual
    case unsignedShiftRight, unsignedDivide, unsignedRemainder
}

public enum CheckKind: UInt8, Sendable {
    case bug, warning, assertion
}

public enum FenceKind: UInt8, Sendable {
    case full, read, write, beforeAtomic, afterAtomic, afterSpinlock, afterUnlockLock, compiler
    /// Orders a preceding srcu_read_unlock (and what precedes it) before
    /// what follows: linux-kernel.def's `after-srcu-read-unlock`, not a
    /// full barrier.
    case afterSRCUReadUnlock
}
