/// A call of a primitive as its arguments compiled: what a lowering needs
/// to know about them.
struct PrimitiveCall {
    /// The name as written, which may be an alias; diagnostics use it.
    let name: String
    let arguments: [CallArgument]
    let location: SourceLocation
    let parameters: [Parameter]
    /// The type of each value argument compiled so far.
    var types: [CType?]
    /// The lvalue of each `place` argument.
    var places: [FunctionCompiler.LValue?]
    /// The slot of each `outLocal` or `expectedLocal` argument.
    var locals: [Int?]
    /// The value of each `constant` argument.
    var constants: [Int64?]

    init(name: String, arguments: [CallArgument], location: SourceLocation, parameters: [Parameter]) {
        self.name = name
        self.arguments = arguments
        self.location = location
        self.parameters = parameters
        types = Array(repeating: nil, count: arguments.count)
        places = Array(repeating: nil, count: arguments.count)
        locals = Array(repeating: nil, count: arguments.count)
        constants = Array(repeating: nil, count: arguments.count)
    }

    /// What the first pointer argument points at, once compiled.
    var target: CType? {
        for (position, parameter) in parameters.enumerated() {
            if case .pointer = parameter.kind { return types[position]?.pointee }
        }
        return nil
    }

    func expression(_ position: Int) -> Expression? {
        if case .expression(let expression) = arguments[position] { return expression }
        return nil
    }

    func result(_ type: ResultType) -> CType? {
        switch type {
        case .none: return .void
        case .type(let type): return type
        case .pointee: return target
        case .counter:
            let format = target?.storageFormat ?? .int
            return format.bits == 64 ? .long : .int
        case .computed: return nil
        }
    }
}
