extension FunctionCompiler {
    mutating func call(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> CType? {
        if let function = context.functionIndex[name] {
            return callFunction(function, arguments, at: location)
        }
        if let entry = PrimitiveCatalogue.entry(named: name) {
            return primitive(entry, named: name, arguments, at: location)
        }
        if let reason = PrimitiveCatalogue.unsupported[name] {
            error("'\(name)' \(reason)", at: location)
            return nil
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

    /// The local variable a primitive writes (`flags` of `local_irq_save(flags)`,
    /// `&old` of try_cmpxchg): its slot, or nil after an error.
    mutating func outLocal(_ call: PrimitiveCall, _ position: Int) -> Int? {
        guard let argument = call.expression(position) else { return nil }
        var target = argument
        if case .unary("&", let inner) = argument.kind { target = inner }
        guard case .identifier(let variable) = target.kind, let local = lookupLocal(variable), local.type.isScalar, local.stackOffset == nil else {
            error("argument \(position + 1) of '\(call.name)' must be a local variable", at: argument.location)
            return nil
        }
        return local.slot
    }

    /// A local slot of the compiler's own, for values a lowering keeps
    /// across instructions.
    mutating func hiddenLocal() -> Int {
        let slot = localNames.count
        localNames.append("$hidden\(slot)")
        localTypes.append(.long)
        return slot
    }
}
