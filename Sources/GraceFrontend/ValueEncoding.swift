/// How pointers live in 64-bit cells. A pointer names an object, the lifetime
/// (generation) of that object it was taken in, and a cell offset:
///
///     bits 63..61  60   59..56   55..40       39..24      23..0
///     0            fn   flags    object + 1   generation  offset
///
/// Integers below 2^40 never look like pointers; NULL is 0. Keeping the
/// generation in the pointer is what makes a use after free detectable even
/// when the page has since been handed out again.
public enum ValueEncoding {
    static let offsetMask: Int64 = (1 << 24) - 1
    static let generationShift: Int64 = 24
    static let generationMask: Int64 = (1 << 16) - 1
    static let objectShift: Int64 = 40
    static let objectMask: Int64 = (1 << 16) - 1
    public static let flagMask: Int64 = 0xF << 56
    static let functionTag: Int64 = 1 << 60

    /// `pmd_t` flag for a huge (leaf) entry, and `pte_t` protection bits.
    public static let leafFlag: Int64 = 1 << 56
    public static let readOnlyFlag: Int64 = 1 << 57
    /// `pmd_t` flag of a huge pmd being split (2014's PMD_SECT_SPLITTING,
    /// _PAGE_SPLITTING).
    public static let splittingFlag: Int64 = 1 << 59

    public static let listPoison1: Int64 = 0x100
    public static let listPoison2: Int64 = 0x122
    /// What `call_rcu` leaves in a head's `next` while it is queued.
    public static let rcuQueuedMarker: Int64 = 0x7EAD

    @inline(__always)
    public static func pointer(object: Int, generation: Int, offset: Int) -> Int64 {
        (Int64(object + 1) << objectShift) | (Int64(generation) & generationMask) << generationShift | Int64(offset)
    }

    /// The object a value points into, or nil for integers and NULL.
    @inline(__always)
    public static func object(of value: Int64) -> Int? {
        guard value > 0, value & functionTag == 0 else { return nil }
        let field = (value >> objectShift) & objectMask
        return field == 0 ? nil : Int(field - 1)
    }

    @inline(__always)
    public static func generation(of value: Int64) -> Int {
        Int((value >> generationShift) & generationMask)
    }

    @inline(__always)
    public static func offset(of value: Int64) -> Int {
        Int(value & offsetMask)
    }

    @inline(__always)
    public static func stripFlags(_ value: Int64) -> Int64 {
        value & ~flagMask
    }

    /// A function value that names no function: kick_all_cpus_sync's empty IPI.
    public static let noHandler = function(0xFFFF)

    public static func function(_ index: Int) -> Int64 {
        functionTag | Int64(index)
    }

    public static func functionIndex(of value: Int64) -> Int? {
        guard value > 0, value & functionTag != 0 else { return nil }
        return Int(value & 0xFFFF)
    }
}
