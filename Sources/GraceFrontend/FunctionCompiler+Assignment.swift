extension FunctionCompiler {
    // MARK: Assignment

    /// Compiles an expression for its effect only, leaving the stack as it was.
    mutating func effect(_ expression: Expression) {
        switch expression.kind {
        case .assign(let op, let target, let value):
            _ = assignment(op, target, value, needValue: false, at: expression.location)
        case .postfix(let op, let operand) where op == "++" || op == "--", .unary(let op, let operand) where op == "++" || op == "--":
            _ = increment(operand, by: op == "++" ? 1 : -1, returnsOld: false, needValue: false, at: expression.location)
        default:
            let before = depth
            guard let type = rvalue(expression) else { return }
            if type != .void && depth > before { emit(.pop) }
        }
    }

    mutating func assignment(_ op: String, _ target: Expression, _ value: Expression, needValue: Bool, at location: SourceLocation) -> CType? {
        guard let place = lvalue(target) else { return nil }
        let overlay = overlaidList
        let type = place.type
        switch type {
        case .aggregate, .array:
            error("whole \(describe(type)) values cannot be assigned; assign their fields", at: location)
            return nil
        case .atomic:
            error("'\(describe(type))' is assigned with atomic_set(), not '\(op)'", at: location)
            return nil
        case .spinlock:
            error("a spinlock_t cannot be assigned", at: location)
            return nil
        default:
            break
        }
        if op != "=" {
            duplicatePlace(place)
            _ = load(place, ordering: .plain, at: location)
        }
        guard let valueType = rvalue(value) else { return nil }
        if op == "=" {
            _ = checkAssignable(type, from: valueType, value: value, what: "assignment")
        } else {
            if case .pointer(let pointee) = type, op == "+=" || op == "-=" {
                if op == "-=" { emit(.unary(.negate)) }
                emit(.index(stride: types.size(of: pointee), bound: nil))
            } else {
                // `a op= b` computes as `a op b` does, unsigned division included.
                let binary = String(op.dropLast())
                emit(.binary(binary == "+" ? .add : binary == "-" ? .subtract : BinaryOperator.compiling(binary, type, valueType)!))
            }
        }
        self.location = location
        return store(place, type: type, needValue: needValue, overlaidList: overlay)
    }

    /// Re-pushes the address part of a place, for read-modify-write forms.
    private mutating func duplicatePlace(_ place: LValue) {
        switch place {
        case .local: break
        case .memory: emit(.dup)
        }
    }

    private mutating func store(_ place: LValue, type: CType, needValue: Bool, overlaidList: Int? = nil) -> CType {
        let storeInstruction: Instruction = overlaidList.map { .storeOverlaid(type.storageFormat, listDelta: $0) } ?? .store(.plain, type.storageFormat)
        switch place {
        case .local(let slot, _):
            convertForStorage(type)
            emit(.storeLocal(slot))
            if needValue { emit(.loadLocal(slot)) }
        case .memory:
            convertForStorage(type)
            if needValue {
                let temporary = temporarySlot()
                emit(.storeLocal(temporary))
                emit(.loadLocal(temporary))
                emit(storeInstruction)
                emit(.loadLocal(temporary))
            } else {
                emit(storeInstruction)
            }
        }
        return type
    }

    /// A marked store (WRITE_ONCE, rcu_assign_pointer) into a place.
    mutating func storeMarked(_ place: LValue, ordering: AccessOrdering) {
        switch place {
        case .local(let slot, let type):
            convertForStorage(type)
            emit(.storeLocal(slot))
        case .memory(let type):
            emit(.store(ordering, type.storageFormat))
        }
    }

    mutating func increment(_ operand: Expression, by amount: Int64, returnsOld: Bool, needValue: Bool, at location: SourceLocation) -> CType? {
        guard let place = lvalue(operand) else { return nil }
        let type = place.type
        guard type.isInteger || type.isPointer else {
            error("type mismatch: cannot increment a '\(describe(type))'", at: location)
            return nil
        }
        duplicatePlace(place)
        _ = load(place, ordering: .plain, at: location)
        var temporary: Int?
        if needValue && returnsOld {
            temporary = temporarySlot()
            emit(.dup)
            emit(.storeLocal(temporary!))
        }
        emit(.push(amount))
        if case .pointer(let pointee) = type {
            emit(.index(stride: types.size(of: pointee), bound: nil))
        } else {
            emit(.binary(.add))
        }
        _ = store(place, type: type, needValue: needValue && !returnsOld)
        if let temporary { emit(.loadLocal(temporary)) }
        return type
    }

    /// Checks that a value of `source` may be stored in a `target`; C's rules
    /// as gcc 14 enforces them (no silent int/pointer mixing).
    mutating func checkAssignable(_ target: CType, from source: CType, value: Expression, what: String) -> Bool {
        if target == source { return true }
        let ok: Bool
        switch (target, source) {
        case (.integer, .integer), (.integer, .atomic): ok = true
        case (.pointer(let a), .pointer(let b)): ok = a == .void || b == .void || a == b
        case (.pointer, .integer): ok = source.isAddressWord || isNullConstant(value)
        case (.integer, .pointer): ok = target.isAddressWord
        case (.function, .integer), (.pmd, .integer), (.pte, .integer): ok = isNullConstant(value)
        case (.function, .function): ok = true
        case (.function, .pointer(.void)): ok = true
        default: ok = false
        }
        if !ok {
            // herd7's registers are untyped; here only a 64-bit integer holds an address.
            let hint = target.isInteger && source.isPointer ? "; an integer holding an address is an 'intptr_t'" : ""
            error("type mismatch: \(what) of '\(describe(source))' to '\(describe(target))'\(hint)", at: value.location)
        }
        return ok
    }
}
