extension CType {
    /// Whether C's arithmetic treats a value of this type as unsigned: the
    /// unsigned integers as wide as int or wider (narrower ones promote to
    /// int), and pointers, which compare as addresses.
    var isUnsignedOperand: Bool {
        if case .integer(let format, _) = self { return !format.isSigned && format.bits >= 32 }
        return isPointer
    }

    /// C's usual arithmetic conversions, reduced to the widths a model uses.
    static func arithmeticResult(_ left: CType, _ right: CType) -> CType {
        func rank(_ type: CType) -> IntegerFormat {
            switch type {
            case .integer(let format, _), .atomic(let format, _): return format.bits < 32 ? .int : format
            default: return .long
            }
        }
        let a = rank(left)
        let b = rank(right)
        if a.bits == 64 || b.bits == 64 {
            let unsigned = (a.bits == 64 && !a.isSigned) || (b.bits == 64 && !b.isSigned)
            return unsigned ? .unsignedLong : .long
        }
        return (!a.isSigned || !b.isSigned) ? .integer(.unsignedInt, name: "unsigned int") : .int
    }
}
