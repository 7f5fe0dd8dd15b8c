extension FunctionCompiler {
    // MARK: Values

    /// Emits code that pushes the expression's value; returns its type, or
    /// nil after reporting an error.
    mutating func rvalue(_ expression: Expression) -> CType? {
        location = expression.location
        switch expression.kind {
        case .integer(let value):
            emit(.push(value))
            return value > Int64(Int32.max) || value < Int64(Int32.min) ? .long : .int
        case .string:
            error("strings are not values in a model", at: expression.location)
            return nil
        case .identifier(let name):
            if let local = lookupLocal(name) {
                guard local.stackOffset == nil else { return loadValue(of: expression) }
                emit(.loadLocal(local.slot))
                return local.type
            }
            if context.objectsByName[name] != nil {
                return loadValue(of: expression)
            }
            if let function = context.functionIndex[name] {
                emit(.push(ValueEncoding.function(function)))
                return .function
            }
            if let value = context.namedConstant(name) {
                emit(.push(value))
                return KernelConstants.type(of: name)
            }
            if let register = unsetRegister(name, at: expression.location) {
                emit(.loadLocal(register.slot))
                return register.type
            }
            error("use of undeclared name '\(name)'", at: expression.location)
            return nil
        case .unary(let op, let operand):
            return unary(op, operand, at: expression)
        case .postfix(let op, let operand):
            return increment(operand, by: op == "++" ? 1 : -1, returnsOld: true, needValue: true, at: expression.location)
        case .binary(let op, let left, let right):
            return binary(op, left, right, at: expression.location)
        case .assign(let op, let target, let value):
            return assignment(op, target, value, needValue: true, at: expression.location)
        case .conditional(let condition, let then, let otherwise):
            branchCondition(condition)
            let toElse = emitJump { .jumpIfFalse($0) }
            let thenType = rvalue(then)
            let toEnd = emitJump { .jump($0) }
            depth -= 1
            patch(toElse, to: code.count)
            let elseType = rvalue(otherwise)
            patch(toEnd, to: code.count)
            guard let thenType, let elseType else { return nil }
            if thenType.isPointer { return thenType }
            return elseType.isPointer ? elseType : thenType
        case .call(let name, let arguments):
            return call(name, arguments, at: expression.location)
        case .member, .index:
            return loadValue(of: expression)
        case .cast(let syntax, let operand):
            guard let target = context.resolveType(syntax), let source = rvalue(operand) else { return nil }
            if target == .void {
                if source != .void { emit(.pop) }
                return .void
            }
            guard target.isScalar, source.isScalar, source != .void else {
                error("cannot cast '\(describe(source))' to '\(describe(target))'", at: expression.location)
                return nil
            }
            if let format = target.storageFormat, format.bits < 64 || source.isPointer == false { emit(.convert(format)) }
            return target
        case .sizeOf(let syntax):
            guard let type = context.resolveType(syntax) else { return nil }
            emit(.push(Int64(types.size(of: type) * 8)))
            return .unsignedLong
        case .initializerList:
            error("'{ ... }' only initialises a declaration", at: expression.location)
            return nil
        }
    }

    /// Loads the value an lvalue expression designates; arrays decay to pointers.
    mutating func loadValue(of expression: Expression, ordering: AccessOrdering = .plain) -> CType? {
        guard let place = lvalue(expression) else { return nil }
        return load(place, ordering: ordering, at: expression.location)
    }

    mutating func load(_ place: LValue, ordering: AccessOrdering, at location: SourceLocation) -> CType? {
        switch place {
        case .local(let slot, let type):
            emit(.loadLocal(slot))
            return type
        case .memory(let type):
            switch type {
            case .array(let element, _):
                return .pointer(element)
            case .aggregate:
                error("a '\(describe(type))' is not a value; use its address or one of its fields", at: location)
                return nil
            case .function:
                emit(.load(ordering))
                return .function
            default:
                emit(.load(ordering))
                return type
            }
        }
    }

    /// Emits the address part of an assignable expression.
    mutating func lvalue(_ expression: Expression) -> LValue? {
        location = expression.location
        overlaidList = nil
        switch expression.kind {
        case .identifier(let name):
            if let local = lookupLocal(name) {
                if let offset = local.stackOffset {
                    emit(.stackAddress(offset))
                    return .memory(local.type)
                }
                return .local(slot: local.slot, type: local.type)
            }
            if let object = context.objectsByName[name] {
                emit(.push(ValueEncoding.pointer(object: object, generation: 0, offset: 0)))
                return .memory(context.objects[object].type)
            }
            if context.functionIndex[name] != nil || context.namedConstant(name) != nil {
                error("'\(name)' is not assignable", at: expression.location)
            } else {
                error("use of undeclared name '\(name)'", at: expression.location)
            }
            return nil
        case .unary("*", let operand):
            guard let type = rvalue(operand) else { return nil }
            if type.isInteger, type.asPointer == nil, type.storageFormat.map({ $0.bits >= 32 }) ?? false {
                // herd7's C is untyped: `int r1 = READ_ONCE(*x); READ_ONCE(*r1)` reads
                // through the address r1 holds. Accepted, as herd7 does, with a hint.
                context.diagnostics.warning("dereferencing '\(describe(type))' as herd7 does; an address is better held in 'intptr_t' or a pointer", at: expression.location)
                return .memory(.int)
            }
            guard case .pointer(let pointee) = type.asPointer else {
                error("type mismatch: cannot dereference a '\(describe(type))'\(type.isInteger ? "; an address held in an integer needs 'intptr_t' or a cast" : "")", at: expression.location)
                return nil
            }
            guard pointee != .void else {
                error("cannot dereference a 'void *'; cast it to a typed pointer first", at: expression.location)
                return nil
            }
            return .memory(pointee)
        case .member(let base, let field, let arrow):
            let baseType: CType
            if arrow {
                guard let type = rvalue(base) else { return nil }
                guard case .pointer(let pointee) = type else {
                    error("type mismatch: '->' needs a pointer to a struct, not '\(describe(type))'", at: expression.location)
                    return nil
                }
                baseType = pointee
            } else {
                guard let place = lvalue(base) else { return nil }
                guard case .memory(let type) = place else {
                    error("type mismatch: '.\(field)' needs a struct, not '\(describe(place.type))'", at: expression.location)
                    return nil
                }
                baseType = type
            }
            guard case .aggregate(let id) = baseType else {
                error("type mismatch: '\(describe(baseType))' has no fields; '\(field)' needs a struct", at: expression.location)
                return nil
            }
            guard let member = types[id].field(named: field) else {
                error("'\(describe(baseType))' has no field named '\(field)'", at: expression.location)
                return nil
            }
            if member.offset != 0 { emit(.offset(member.offset)) }
            let size = types.size(of: member.type)
            if member.type != .aggregate(TypeTable.listHead),
               let list = types[id].fields.first(where: { $0.type == .aggregate(TypeTable.listHead) && $0.offset < member.offset + size && member.offset < $0.offset + 2 }) {
                overlaidList = list.offset - member.offset
            }
            return .memory(member.type)
        case .index(let base, let position):
            guard let baseType = rvalue(base) else { return nil }
            guard case .pointer(let element) = baseType else {
                error("type mismatch: cannot index a '\(describe(baseType))'", at: expression.location)
                return nil
            }
            guard let positionType = rvalue(position), positionType.isInteger else {
                error("an array index must be an integer", at: position.location)
                return nil
            }
            var bound: Int?
            if case .index = base.kind {} else if let place = declaredArrayBound(base) { bound = place }
            emit(.index(stride: types.size(of: element), bound: bound))
            return .memory(element)
        case .call:
            error("the result of a call is not assignable", at: expression.location)
            return nil
        default:
            error("expression is not assignable", at: expression.location)
            return nil
        }
    }

    /// The bound of an array named directly, for an index check.
    func declaredArrayBound(_ base: Expression) -> Int? {
        guard case .identifier(let name) = base.kind else { return nil }
        if let local = lookupLocal(name) {
            if case .array(_, let count) = local.type { return count }
            return nil
        }
        if let object = context.objectsByName[name], case .array(_, let count) = context.objects[object].type {
            return count
        }
        return nil
    }

    // MARK: Operators

    private mutating func unary(_ op: String, _ operand: Expression, at expression: Expression) -> CType? {
        switch op {
        case "&":
            if case .identifier(let name) = operand.kind, lookupLocal(name) == nil, let function = context.functionIndex[name] {
                emit(.push(ValueEncoding.function(function)))
                return .function
            }
            guard let place = lvalue(operand) else { return nil }
            guard case .memory(let type) = place else {
                error("cannot take the address of this expression", at: expression.location)
                return nil
            }
            return .pointer(type)
        case "*":
            return loadValue(of: expression)
        case "++", "--":
            return increment(operand, by: op == "++" ? 1 : -1, returnsOld: false, needValue: true, at: expression.location)
        case "sizeof":
            error("use sizeof(type) in a model", at: expression.location)
            return nil
        default:
            guard let type = rvalue(operand) else { return nil }
            guard type.isScalar, type != .void else {
                error("type mismatch: '\(op)' needs a number, not '\(describe(type))'", at: expression.location)
                return nil
            }
            switch op {
            case "-": emit(.unary(.negate)); return CType.arithmeticResult(type, type)
            case "~": emit(.unary(.bitwiseNot)); return CType.arithmeticResult(type, type)
            case "!": emit(.unary(.logicalNot)); return .int
            default: return type
            }
        }
    }

    mutating func binary(_ op: String, _ left: Expression, _ right: Expression, at location: SourceLocation) -> CType? {
        if op == "&&" || op == "||" {
            branchCondition(left)
            let shortCircuit = emitJump { op == "&&" ? .jumpIfFalse($0) : .jumpIfTrue($0) }
            branchCondition(right)
            emit(.unary(.toBool))
            let end = emitJump { .jump($0) }
            depth -= 1
            patch(shortCircuit, to: code.count)
            emit(.push(op == "&&" ? 0 : 1))
            patch(end, to: code.count)
            return .int
        }
        guard let leftType = rvalue(left), let rightType = rvalue(right) else { return nil }
        self.location = location
        for (type, side) in [(leftType, left), (rightType, right)] where !type.isScalar || type == .void || type == .function && !["==", "!="].contains(op) {
            error("type mismatch: '\(op)' cannot take a '\(describe(type))'", at: side.location)
            return nil
        }
        let compiled = BinaryOperator.compiling(op, leftType, rightType)
        switch op {
        case "+", "-":
            if case .pointer(let pointee) = leftType, rightType.isInteger {
                if op == "-" { emit(.unary(.negate)) }
                emit(.index(stride: types.size(of: pointee), bound: nil))
                return leftType
            }
            if case .pointer(let pointee) = rightType, leftType.isInteger, op == "+" {
                error("write pointer arithmetic as 'pointer + n'", at: location)
                _ = pointee
                return nil
            }
            if case .pointer(let pointee) = leftType, case .pointer = rightType, op == "-" {
                emit(.binary(.subtract))
                let stride = types.size(of: pointee)
                if stride > 1 {
                    emit(.push(Int64(stride)))
                    emit(.binary(.divide))
                }
                return .long
            }
            guard !leftType.isPointer, !rightType.isPointer else {
                error("type mismatch: '\(op)' on '\(describe(leftType))' and '\(describe(rightType))'", at: location)
                return nil
            }
            emit(.binary(op == "+" ? .add : .subtract))
        case "==", "!=", "<", ">", "<=", ">=":
            if leftType.isPointer != rightType.isPointer, !(isNullConstant(left) || isNullConstant(right)),
               leftType != .function, rightType != .function, !leftType.isAddressWord, !rightType.isAddressWord {
                error("type mismatch: comparing '\(describe(leftType))' with '\(describe(rightType))'", at: location)
                return nil
            }
            emit(.binary(compiled!))
            return .int
        default:
            guard let compiled else {
                error("unknown operator '\(op)'", at: location)
                return nil
            }
            emit(.binary(compiled))
        }
        if leftType.isPointer || rightType.isPointer {
            error("type mismatch: '\(op)' on a pointer", at: location)
            return nil
        }
        let result = CType.arithmeticResult(leftType, rightType)
        if let format = result.storageFormat, format.bits < 64 { emit(.convert(format)) }
        return result
    }

    func isNullConstant(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .integer(0): return true
        case .identifier("NULL"): return true
        case .cast(_, let inner): return isNullConstant(inner)
        default: return false
        }
    }
}
