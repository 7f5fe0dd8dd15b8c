extension Compiler {
    /// Folds an integer constant expression to the value the same
    /// expression computes at run time: C's types decide, as the function
    /// compiler's do, whether a division, a shift or a comparison is
    /// unsigned and where a result wraps. nil when the expression is not a
    /// constant, or divides by zero.
    func constantValue(_ expression: Expression) -> Int64? {
        typedConstant(expression)?.value
    }

    private func typedConstant(_ expression: Expression) -> (value: Int64, type: CType)? {
        switch expression.kind {
        case .integer(let value):
            return (value, value > Int64(Int32.max) || value < Int64(Int32.min) ? .long : .int)
        case .identifier(let name):
            guard let value = namedConstant(name) else { return nil }
            return (value, KernelConstants.type(of: name))
        case .unary(let op, let inner):
            guard let (value, type) = typedConstant(inner) else { return nil }
            switch op {
            case "-": return (UnaryOperator.negate.evaluate(value), CType.arithmeticResult(type, type))
            case "~": return (UnaryOperator.bitwiseNot.evaluate(value), CType.arithmeticResult(type, type))
            case "!": return (UnaryOperator.logicalNot.evaluate(value), .int)
            case "+": return (value, type)
            default: return nil
            }
        case .binary(let op, let left, let right):
            return foldBinary(op, left, right)
        case .conditional(let condition, let then, let otherwise):
            guard let (value, _) = typedConstant(condition) else { return nil }
            return typedConstant(value != 0 ? then : otherwise)
        case .cast(let syntax, let inner):
            guard let target = resolveType(syntax), target.isScalar, target != .void,
                  let (value, source) = typedConstant(inner) else { return nil }
            guard let format = target.storageFormat, format.bits < 64 || !source.isPointer else { return (value, target) }
            return (format.normalize(value), target)
        case .sizeOf(let syntax):
            guard let type = resolveType(syntax) else { return nil }
            return (Int64(types.size(of: type) * 8), .unsignedLong)
        default:
            return nil
        }
    }

    private func foldBinary(_ op: String, _ left: Expression, _ right: Expression) -> (value: Int64, type: CType)? {
        guard let (a, leftType) = typedConstant(left), let (b, rightType) = typedConstant(right) else { return nil }
        switch op {
        case "&&": return (a != 0 && b != 0 ? 1 : 0, .int)
        case "||": return (a != 0 || b != 0 ? 1 : 0, .int)
        case "==", "!=", "<", ">", "<=", ">=":
            guard let compiled = BinaryOperator.compiling(op, leftType, rightType), let value = compiled.evaluate(a, b) else { return nil }
            return (value, .int)
        default:
            guard !leftType.isPointer, !rightType.isPointer else { return nil }
            let compiled: BinaryOperator? = switch op {
            case "+": .add
            case "-": .subtract
            default: BinaryOperator.compiling(op, leftType, rightType)
            }
            guard let compiled, let raw = compiled.evaluate(a, b) else { return nil }
            let result = CType.arithmeticResult(leftType, rightType)
            guard let format = result.storageFormat, format.bits < 64 else { return (raw, result) }
            return (format.normalize(raw), result)
        }
    }
}
