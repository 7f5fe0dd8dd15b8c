/// A primitive's C signature as the compiler checks it: parameters, result,
/// and the order its operands reach the operand stack.
public struct PrimitiveSignature: Sendable {
    public let result: ResultType
    public let parameters: [Parameter]
    /// WARN(condition, format, ...): any further arguments, never evaluated.
    public let isVariadic: Bool
    /// What the compiler pushes before the primitive's own instructions, in
    /// order: arguments (source order unless an entry says otherwise, as
    /// atomic_add(i, v) pushes v first) and implicit constants.
    let operands: [Operand]

    init(_ result: ResultType, _ parameters: [Parameter], variadic: Bool = false, operands: [Operand]? = nil) {
        self.result = result
        self.parameters = parameters
        self.isVariadic = variadic
        self.operands = operands ?? parameters.indices.map { .argument($0) }
    }

    func accepts(argumentCount count: Int) -> Bool {
        isVariadic ? count >= parameters.count : count == parameters.count
    }

    /// The signature as a C declaration of `name`. A value stored through a
    /// pmd_t * or pte_t * parameter shows that entry type, any other `T`.
    public func declaration(of name: String) -> String {
        var parameterList = parameters.map { parameter in
            if case .stored(let into, _) = parameter.kind, case .pointer(let target) = parameters[into].kind, let type = target.pointeeType {
                return parameter.declaration(as: type)
            }
            return parameter.declaration
        }
        if isVariadic { parameterList.append("...") }
        let resultType = result.cType
        let separator = resultType.hasSuffix("*") ? "" : " "
        return resultType + separator + name + "(" + (parameterList.isEmpty ? "void" : parameterList.joined(separator: ", ")) + ")"
    }
}

/// One value the compiler pushes for a primitive.
enum Operand: Sendable {
    case argument(Int)
    case constant(Int64)
}

/// What a primitive returns.
public enum ResultType: Sendable {
    case none
    case type(CType)
    /// The `T` of the first pointer argument's `T *` (smp_load_acquire).
    case pointee
    /// `int` or `long`: the width of the atomic the first pointer argument
    /// points at; the string is the type the reference shows.
    case counter(String)
    /// Decided by the entry's lowering (container_of's `type *`).
    case computed(String)

    public var cType: String {
        switch self {
        case .none: return "void"
        case .type(let type): return TypeTable.kernel.describe(type)
        case .pointee: return "T"
        case .counter(let type), .computed(let type): return type
        }
    }
}
