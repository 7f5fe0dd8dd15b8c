extension FunctionCompiler {
    static let allocationPrimitives: Set<String> = [
        "alloc_page", "alloc_pages", "__get_free_page", "get_zeroed_page", "pte_alloc_one",
        "pte_alloc_one_kernel", "kmalloc", "kzalloc", "pagetable_alloc",
    ]

    mutating func call(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> CType? {
        if let function = context.functionIndex[name] {
            return callFunction(function, arguments, at: location)
        }
        if let entry = PrimitiveCatalogue.entry(named: name) {
            return primitive(entry, named: name, arguments, at: location)
        }
        if let reason = PrimitiveCatalogue.unsupported[name] {
            error("'\(name)': \(reason)", at: location)
            return nil
        }
        if let result = primitive(name, arguments, at: location) {
            return result.type
        }
        if lookupLocal(name) != nil || context.objectsByName[name] != nil {
            error("'\(name)' is not a function", at: location)
        } else {
            error("unknown function or primitive '\(name)'", at: location)
        }
        return nil
    }

    private mutating func callFunction(_ function: Int, _ arguments: [CallArgument], at location: SourceLocation) -> CType? {
        let callee = context.functionDecls[function]
        if callee.threadIndex != nil {
            error("thread '\(callee.name)' cannot be called", at: location)
            return nil
        }
        guard arguments.count == callee.parameters.count else {
            error("'\(callee.name)' takes \(plural(callee.parameters.count, "argument")), not \(arguments.count)", at: location)
            return nil
        }
        for (argument, parameter) in zip(arguments, callee.parameters) {
            guard case .expression(let expression) = argument else { return nil }
            guard let type = rvalue(expression) else { return nil }
            if let syntax = parameter.type, let parameterType = context.resolveType(syntax) {
                _ = checkAssignable(parameterType, from: type, value: expression, what: "argument '\(parameter.name)' of '\(callee.name)'")
                convertForStorage(parameterType)
            }
        }
        self.location = location
        callees.insert(function)
        emit(.call(function: function, arguments: arguments.count))
        let returnType = context.resolveType(callee.returnType) ?? .void
        if returnType != .void {
            depth += 1
            maxDepth = max(maxDepth, depth)
        }
        return returnType
    }

    func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// Compiles a call to a kernel primitive the catalogue does not hold yet; nil when `name` is none.
    mutating func primitive(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        if let result = synchronisationPrimitive(name, arguments, at: location) { return result }
        if let result = listPrimitive(name, arguments, at: location) { return result }
        if let result = pageTablePrimitive(name, arguments, at: location) { return result }
        if let result = kernelPrimitive(name, arguments, at: location) { return result }
        return nil
    }

    // MARK: Argument helpers

    struct PrimitiveResult {
        var type: CType?
    }

    mutating func requireCount(_ name: String, _ arguments: [CallArgument], _ count: Int, at location: SourceLocation) -> Bool {
        guard arguments.count == count else {
            error("'\(name)' takes \(plural(count, "argument")), not \(arguments.count)", at: location)
            return false
        }
        return true
    }

    func expression(_ argument: CallArgument) -> Expression? {
        if case .expression(let expression) = argument { return expression }
        return nil
    }

    /// Compiles an argument that must be a pointer whose pointee passes `accepts`.
    mutating func pointerArgument(_ name: String, _ arguments: [CallArgument], _ position: Int, expected: String,
                                  accepts: (CType) -> Bool) -> CType? {
        guard let argument = expression(arguments[position]) else {
            error("argument \(position + 1) of '\(name)' must be a value", at: location)
            return nil
        }
        guard let type = rvalue(argument) else { return nil }
        guard case .pointer(let pointee) = type, accepts(pointee) else {
            error("type mismatch: argument \(position + 1) of '\(name)' must be '\(expected)', not '\(describe(type))'", at: argument.location)
            return nil
        }
        return pointee
    }

    mutating func integerArgument(_ name: String, _ arguments: [CallArgument], _ position: Int) -> Bool {
        guard let argument = expression(arguments[position]) else { return false }
        guard let type = rvalue(argument) else { return false }
        guard type.isInteger else {
            error("type mismatch: argument \(position + 1) of '\(name)' must be an integer, not '\(describe(type))'", at: argument.location)
            return false
        }
        return true
    }

    mutating func scalarArgument(_ name: String, _ arguments: [CallArgument], _ position: Int) -> CType? {
        guard let argument = expression(arguments[position]) else { return nil }
        guard let type = rvalue(argument) else { return nil }
        guard type.isScalar, type != .void else {
            error("type mismatch: argument \(position + 1) of '\(name)' must be a value, not '\(describe(type))'", at: argument.location)
            return nil
        }
        return type
    }

    /// Compiles an argument that the primitive reads or writes in place (`READ_ONCE(*p)`).
    mutating func placeArgument(_ name: String, _ arguments: [CallArgument], _ position: Int) -> LValue? {
        guard let argument = expression(arguments[position]) else { return nil }
        return lvalue(argument)
    }

    /// A local variable written by a macro (`flags` of `local_irq_save(flags)`).
    mutating func outLocal(_ name: String, _ arguments: [CallArgument], _ position: Int) -> Int? {
        guard let argument = expression(arguments[position]) else { return nil }
        var target = argument
        if case .unary("&", let inner) = argument.kind { target = inner }
        guard case .identifier(let variable) = target.kind, let local = lookupLocal(variable), local.type.isScalar, local.stackOffset == nil else {
            error("argument \(position + 1) of '\(name)' must be a local variable", at: argument.location)
            return nil
        }
        return local.slot
    }

    static func isPage(_ type: CType) -> Bool { type == .aggregate(TypeTable.page) }
    static func isListHead(_ type: CType) -> Bool { type == .aggregate(TypeTable.listHead) }
    static func isRCUHead(_ type: CType) -> Bool { type == .aggregate(TypeTable.rcuHead) }
    static func isMM(_ type: CType) -> Bool { type == .aggregate(TypeTable.mm) }
    static func isAtomic(_ type: CType) -> Bool {
        if case .atomic = type { return true }
        return false
    }
    static func isWord(_ type: CType) -> Bool { type.isInteger || isAtomic(type) || type.isPointer }

    mutating func hiddenLocal() -> Int {
        let slot = localNames.count
        localNames.append("$hidden\(slot)")
        localTypes.append(.long)
        return slot
    }
}
