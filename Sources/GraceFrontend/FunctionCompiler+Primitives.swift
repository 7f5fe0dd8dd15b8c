extension FunctionCompiler {
    /// Compiles a call of a catalogue primitive: the arguments are checked
    /// against the entry's signature and pushed in its operand order, then
    /// the entry's lowering emits its IR at the call's location. Returns the
    /// result type, nil after an error.
    mutating func primitive(_ entry: PrimitiveEntry, named name: String, _ arguments: [CallArgument], at location: SourceLocation) -> CType? {
        switch entry.form {
        case .statement:
            error("'\(name)' is a loop, not a call: '\(name)(pos, head, member) { ... }'", at: location)
            return nil
        case .initializer:
            error("'\(name)' only initialises an atomic in the init block", at: location)
            return nil
        case .call:
            break
        }
        let signature = entry.signature
        guard signature.accepts(argumentCount: arguments.count) else {
            let count = signature.parameters.count
            error("'\(name)' takes \(signature.isVariadic ? "at least " : "")\(plural(count, "argument")), not \(arguments.count)", at: location)
            return nil
        }
        var call = PrimitiveCall(name: name, arguments: arguments, location: location, parameters: signature.parameters)
        for operand in signature.operands {
            switch operand {
            case .constant(let value):
                emit(.push(value))
            case .argument(let position):
                guard compileArgument(position, of: &call) else { return nil }
            }
        }
        self.location = location
        switch entry.lowering {
        case .instructions(let instructions):
            for instruction in instructions { emit(instruction) }
        case .formatted(let instructions):
            for instruction in instructions(call.target?.storageFormat ?? .int) { emit(instruction) }
        case .custom(let lower):
            return lower(&self, call)
        case .statement, .initializer:
            return nil
        }
        return call.result(signature.result)
    }

    /// Compiles the argument in `position` as its parameter's kind says,
    /// recording what the lowering needs; false after an error.
    mutating func compileArgument(_ position: Int, of call: inout PrimitiveCall) -> Bool {
        let parameter = call.parameters[position]
        let name = call.name
        let ordinal = "argument \(position + 1) of '\(name)'"
        switch parameter.kind {
        case .pointer(let target):
            guard let argument = call.expression(position) else {
                error("\(ordinal) must be a value", at: location)
                return false
            }
            guard let type = rvalue(argument) else { return false }
            guard let pointer = type.asPointer, case .pointer(let pointee) = pointer, target.accepts(pointee) else {
                error("type mismatch: \(ordinal) must be '\(target.expectation)', not '\(describe(type))'", at: argument.location)
                return false
            }
            call.types[position] = pointer
        case .integer:
            guard let argument = call.expression(position), let type = rvalue(argument) else { return false }
            guard type.isInteger else {
                error("type mismatch: \(ordinal) must be an integer, not '\(describe(type))'", at: argument.location)
                return false
            }
            call.types[position] = type
        case .value, .locating, .address, .entry:
            guard let argument = call.expression(position), let type = rvalue(argument) else { return false }
            guard type.isScalar, type != .void else {
                error("type mismatch: \(ordinal) must be a value, not '\(describe(type))'", at: argument.location)
                return false
            }
            call.types[position] = type
            if case .locating = parameter.kind { emit(.pop) }
            if case .address = parameter.kind, type == .pointer(.aggregate(TypeTable.page)) {
                error("type mismatch: '\(name)' takes an address; use __free_page() for a struct page *", at: call.location)
                return false
            }
            if case .entry(let expected) = parameter.kind, type != expected {
                error("type mismatch: '\(name)' takes a '\(describe(expected))', not '\(describe(type))'", at: call.location)
                return false
            }
        case .place:
            guard let argument = call.expression(position), let place = lvalue(argument) else { return false }
            call.places[position] = place
            call.types[position] = place.type
        case .stored(let into, let style):
            guard let argument = call.expression(position), let type = rvalue(argument) else { return false }
            var target = call.places[into]?.type ?? call.types[into]?.pointee ?? type
            if style == .word, !target.isPointer { target = .long }
            _ = checkAssignable(target, from: type, value: argument, what: style == .value ? "value of \(name)" : ordinal)
            call.types[position] = type
        case .callback(_, let callback):
            guard let argument = call.expression(position), let type = rvalue(argument) else { return false }
            guard type == .function else {
                error("type mismatch: \(ordinal) must be \(callback.expectation), not '\(describe(type))'", at: argument.location)
                return false
            }
            if let takesOne = callback.takesOne, case .identifier(let target) = argument.kind, let function = context.functionIndex[target] {
                let count = context.functionDecls[function].parameters.count
                if count != 1 { error("\(takesOne); '\(target)' takes \(plural(count, "parameter"))", at: argument.location) }
            }
            call.types[position] = type
        case .outLocal(_, let requiredType, let message):
            guard let slot = outLocal(call, position) else { return false }
            if let requiredType, localTypes[slot] != requiredType {
                error(message ?? "type mismatch: \(ordinal) must be a '\(describe(requiredType))'", at: call.location)
                return false
            }
            call.locals[position] = slot
        case .expectedLocal:
            guard let slot = outLocal(call, position) else { return false }
            call.locals[position] = slot
            emit(.loadLocal(slot))
        case .constant(_, let range, let message):
            guard let argument = call.expression(position) else { return false }
            guard let value = context.constantValue(argument), range?.contains(value) ?? true else {
                error(message ?? "\(ordinal) must be a constant", at: argument.location)
                return false
            }
            call.constants[position] = value
        case .unevaluated, .type, .member:
            break
        }
        for instruction in parameter.then { emit(instruction) }
        return true
    }
}
