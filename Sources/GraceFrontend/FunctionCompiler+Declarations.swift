extension FunctionCompiler {
    // MARK: Declarations

    mutating func declaration(_ variable: VariableDecl) {
        location = variable.location
        guard let syntax = variable.type, let type = context.resolveType(syntax) else { return }
        if type == .void {
            return error("'\(variable.name)' cannot have type void", at: variable.location)
        }
        if case .atomic = type { return error("atomic_t lives in shared memory; declare '\(variable.name)' in the init block", at: variable.location) }
        if type == .spinlock { return error("spinlock_t lives in shared memory; declare '\(variable.name)' in the init block", at: variable.location) }
        if !type.isScalar || addressTaken.contains(variable.name) {
            // The initialiser is compiled before the name is in scope, as in C;
            // the cells are cleared first, as a loop may run the declaration again.
            let offset = stackSize
            var values: [(offset: Int, type: CType, value: Expression)] = []
            if let initializer = variable.initializer {
                guard let flattened = flattenInitializer(initializer, type: type, offset: 0) else { return }
                values = flattened
            }
            let local = declareLocal(variable.name, type: type, at: variable.location)
            for cell in 0..<types.size(of: type) where !values.contains(where: { $0.offset == cell }) {
                emit(.stackAddress(offset + cell))
                emit(.push(0))
                emit(.store(.plain, nil))
            }
            for entry in values {
                emit(.stackAddress(local.stackOffset! + entry.offset))
                guard let valueType = rvalue(entry.value) else { continue }
                _ = checkAssignable(entry.type, from: valueType, value: entry.value, what: "initialiser of '\(variable.name)'")
                emit(.store(.plain, entry.type.storageFormat))
            }
            return
        }
        if let initializer = variable.initializer, case .initializerList = initializer.kind {
            return error("a scalar is initialised with a value, not '{ ... }'", at: initializer.location)
        }
        if let initializer = variable.initializer {
            if let initialType = rvalue(initializer) {
                _ = checkAssignable(type, from: initialType, value: initializer, what: "initialiser of '\(variable.name)'")
            }
            convertForStorage(type)
        } else if isThread && initialisedRegisters.contains(variable.name) {
            // herd7's declaration only names a register the init block set.
            _ = declareLocal(variable.name, type: type, at: variable.location)
            return
        } else {
            emit(.push(0))
        }
        let local = declareLocal(variable.name, type: type, at: variable.location)
        emit(.storeLocal(local.slot))
    }

    /// The scalar cells an initialiser sets, with their offsets and types.
    private mutating func flattenInitializer(_ expression: Expression, type: CType, offset: Int) -> [(offset: Int, type: CType, value: Expression)]? {
        switch type {
        case .array(let element, let count):
            guard case .initializerList(let entries) = expression.kind else {
                error("an array is initialised with '{ ... }'", at: expression.location)
                return nil
            }
            if entries.count > count { error("too many initialisers for an array of \(count)", at: expression.location) }
            var result: [(offset: Int, type: CType, value: Expression)] = []
            for (position, entry) in entries.prefix(count).enumerated() {
                guard let inner = flattenInitializer(entry.value, type: element, offset: offset + position * types.size(of: element)) else { return nil }
                result += inner
            }
            return result
        case .aggregate(let id):
            guard case .initializerList(let entries) = expression.kind else {
                error("a '\(describe(type))' is initialised with '{ ... }'", at: expression.location)
                return nil
            }
            var seen = Set<Int>()
            let positional = types[id].fields.filter { seen.insert($0.offset).inserted }
            var result: [(offset: Int, type: CType, value: Expression)] = []
            for (position, entry) in entries.enumerated() {
                let member: (offset: Int, type: CType)?
                if let designator = entry.designator {
                    member = types.member(of: id, path: designator.split(separator: ".").map(String.init))
                } else {
                    member = position < positional.count ? (positional[position].offset, positional[position].type) : nil
                }
                guard let member else {
                    error("no field for this initialiser in '\(describe(type))'", at: entry.value.location)
                    return nil
                }
                guard let inner = flattenInitializer(entry.value, type: member.type, offset: offset + member.offset) else { return nil }
                result += inner
            }
            return result
        default:
            if case .initializerList = expression.kind {
                error("a scalar is initialised with a value, not '{ ... }'", at: expression.location)
                return nil
            }
            return [(offset, type, expression)]
        }
    }
}
