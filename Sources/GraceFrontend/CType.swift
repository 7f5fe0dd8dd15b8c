/// The width and signedness an integer is kept in.
public struct IntegerFormat: Sendable, Hashable {
    public var bits: Int
    public var isSigned: Bool

    public static let int = IntegerFormat(bits: 32, isSigned: true)
    public static let unsignedInt = IntegerFormat(bits: 32, isSigned: false)
    public static let long = IntegerFormat(bits: 64, isSigned: true)
    public static let unsignedLong = IntegerFormat(bits: 64, isSigned: false)

    /// Wraps a 64-bit value to this format, as a C conversion does. An
    /// address kept in an int stays whole: herd7's int is untyped, and a
    /// litmus test's `int x = y;` makes x hold y's address.
    @inline(__always)
    public func normalize(_ value: Int64) -> Int64 {
        switch (bits, isSigned) {
        case (64, _): return value
        case (32, _) where value > 0 && value >> ValueEncoding.objectShift != 0: return value
        case (32, true): return Int64(Int32(truncatingIfNeeded: value))
        case (32, false): return Int64(UInt32(truncatingIfNeeded: value))
        case (16, true): return Int64(Int16(truncatingIfNeeded: value))
        case (16, false): return Int64(UInt16(truncatingIfNeeded: value))
        case (8, true): return Int64(Int8(truncatingIfNeeded: value))
        case (8, false): return Int64(UInt8(truncatingIfNeeded: value))
        default: return value != 0 ? 1 : 0
        }
    }

    static let boolean = IntegerFormat(bits: 1, isSigned: false)
}

/// A resolved C type. Every scalar occupies one cell of model memory.
public indirect enum CType: Sendable, Hashable {
    case void
    case integer(IntegerFormat, name: String)
    case pointer(CType)
    case array(CType, count: Int)
    case aggregate(AggregateID)
    case function
    case atomic(IntegerFormat, name: String)
    case spinlock
    case pmd
    case pte

    public static let int = CType.integer(.int, name: "int")
    public static let long = CType.integer(.long, name: "long")
    /// herd7's untyped register: an integer wide enough for an address.
    public static let intptr = CType.integer(.long, name: "intptr_t")
    public static let unsignedLong = CType.integer(.unsignedLong, name: "unsigned long")
    public static let bool = CType.integer(.boolean, name: "bool")
    public static let voidPointer = CType.pointer(.void)

    var isScalar: Bool {
        switch self {
        case .array, .aggregate, .void: return false
        default: return true
        }
    }

    var isPointer: Bool {
        if case .pointer = self { return true }
        return false
    }

    var isInteger: Bool {
        switch self {
        case .integer: return true
        default: return false
        }
    }

    var pointee: CType? {
        if case .pointer(let inner) = self { return inner }
        return nil
    }

    /// A 64-bit integer (`intptr_t`, `uintptr_t`, `long`, `unsigned long`):
    /// wide enough for an address, and used as one in herd7's untyped
    /// tests, so pointers convert to and from it without a cast.
    var isAddressWord: Bool {
        if case .integer(let format, _) = self { return format.bits == 64 }
        return false
    }

    /// The pointer this value is when dereferenced or passed as one: a
    /// pointer itself, or an address word as a pointer to a word.
    var asPointer: CType? {
        if isPointer { return self }
        return isAddressWord ? .pointer(self) : nil
    }

    /// The element type under every array dimension.
    var removingArrays: CType {
        var type = self
        while case .array(let element, _) = type { type = element }
        return type
    }

    /// The format a store into a cell of this type wraps values to.
    var storageFormat: IntegerFormat? {
        switch self {
        case .integer(let format, _), .atomic(let format, _): return format
        default: return nil
        }
    }
}

/// Index of a struct or union in `TypeTable.aggregates`.
public struct AggregateID: Sendable, Hashable {
    public var rawValue: Int
}

/// A struct or union with its fields laid out in cells.
public struct AggregateLayout: Sendable {
    public struct Field: Sendable {
        public var name: String
        public var type: CType
        public var offset: Int
    }

    public var name: String
    public var isUnion: Bool
    public var fields: [Field]
    public var size: Int

    func field(named name: String) -> Field? {
        fields.first { $0.name == name }
    }
}
