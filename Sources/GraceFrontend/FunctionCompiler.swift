/// Compiles one function or thread body to stack-machine code, resolving
/// names and checking types as it goes.
struct FunctionCompiler {
    unowned let context: Compiler
    let decl: FunctionDecl
    let index: Int
    var code: [Instruction] = []
    var locations: [SourceLocation] = []
    var localNames: [String] = []
    var localTypes: [CType] = []
    var scopes: [[String: Local]] = [[:]]
    var depth = 0
    var maxDepth = 0
    var loops: [LoopLabels] = []
    var callees = Set<Int>()
    var location: SourceLocation
    var returnType: CType = .void
    var temporary: Int?
    /// Set by `lvalue` for a union member sharing cells with a list_head.
    var overlaidList: Int?
    /// Names whose address the body takes: they live in stack memory.
    var addressTaken = Set<String>()
    var stackSize = 0
    /// A thread's registers by name (FunctionCompiler+Registers).
    var registers: [String: Local] = [:]
    var initialisedRegisters = Set<String>()

    /// A local: in a slot of the context's value stack, or, when its address
    /// is taken or it is an array or struct, in the context's stack memory.
    struct Local {
        var slot: Int
        var type: CType
        var stackOffset: Int?
    }

    struct LoopLabels {
        var breaks: [Int] = []
        var continues: [Int] = []
        /// A switch takes `break` but passes `continue` to the loop around it.
        var isSwitch = false
    }

    /// Where an assignable expression lives once its address code has run.
    enum LValue {
        case local(slot: Int, type: CType)
        /// The address is on the operand stack.
        case memory(CType)

        var type: CType {
            switch self {
            case .local(_, let type), .memory(let type): return type
            }
        }
    }

    init(context: Compiler, decl: FunctionDecl, index: Int) {
        self.context = context
        self.decl = decl
        self.index = index
        self.location = decl.location
    }

    var types: TypeTable { context.types }

    func describe(_ type: CType) -> String { context.types.describe(type) }

    mutating func error(_ message: String, at location: SourceLocation) {
        context.diagnostics.error(message, at: location)
    }

    mutating func compile() -> Function {
        if decl.threadIndex == nil {
            returnType = context.resolveType(decl.returnType) ?? .void
        }
        addressTaken = Self.namesWithAddressTaken(in: decl.body, userFunctions: Set(context.functionIndex.keys))
        var spilled: [(slot: Int, local: Local)] = []
        for parameter in decl.parameters {
            guard let syntax = parameter.type, let type = context.resolveType(syntax) else {
                _ = declareLocal(parameter.name.isEmpty ? "$unnamed" : parameter.name, type: .int, at: parameter.location)
                continue
            }
            if parameter.name.isEmpty {
                error("parameters need names", at: parameter.location)
            }
            if !type.isScalar {
                error("parameters are scalars or pointers; pass a pointer to '\(describe(type))'", at: parameter.location)
            }
            let slot = localNames.count
            localNames.append(parameter.name)
            localTypes.append(type)
            if addressTaken.contains(parameter.name) {
                // Arguments arrive in slots; one whose address is taken moves to stack memory.
                spilled.append((slot, Local(slot: -1, type: type, stackOffset: allocateStack(1))))
            } else {
                scopes[0][parameter.name] = Local(slot: slot, type: type, stackOffset: nil)
            }
        }
        for (slot, local) in spilled {
            emit(.stackAddress(local.stackOffset!))
            emit(.loadLocal(slot))
            emit(.store(.plain, local.type.storageFormat))
            scopes[0][localNames[slot]] = local
        }
        declareExternalRegisters()
        statement(decl.body)
        location = decl.body.location
        if returnType != .void {
            emit(.push(0))
            emit(.ret(hasValue: true))
        } else {
            emit(.ret(hasValue: false))
        }
        return Function(name: decl.name, location: decl.location, localNames: localNames, localTypes: localTypes,
                        maxStack: maxDepth, code: code, locations: locations, callees: callees.sorted(),
                        frameStackSize: stackSize)
    }

    // MARK: Emission

    mutating func emit(_ instruction: Instruction) {
        code.append(instruction)
        locations.append(location)
        let effect = instruction.stackEffect
        depth += effect.pushes - effect.pops
        maxDepth = max(maxDepth, depth)
    }

    /// Emits a jump to be patched; returns its position.
    mutating func emitJump(_ make: (Int) -> Instruction) -> Int {
        emit(make(-1))
        return code.count - 1
    }

    mutating func patch(_ position: Int, to target: Int) {
        switch code[position] {
        case .jump: code[position] = .jump(target)
        case .jumpIfFalse: code[position] = .jumpIfFalse(target)
        case .jumpIfTrue: code[position] = .jumpIfTrue(target)
        default: break
        }
    }

    /// Declares a local; returns where it lives.
    mutating func declareLocal(_ name: String, type: CType, at location: SourceLocation) -> Local {
        let isRegister = isThread && type.isScalar && !addressTaken.contains(name)
        if scopes[scopes.count - 1][name] != nil && !isRegister {
            error("redeclaration of '\(name)'", at: location)
        }
        let local: Local
        if !type.isScalar || addressTaken.contains(name) {
            local = Local(slot: -1, type: type, stackOffset: allocateStack(types.size(of: type)))
        } else if isRegister, let existing = registers[name] {
            local = Local(slot: existing.slot, type: type, stackOffset: nil)
        } else {
            local = Local(slot: localNames.count, type: type, stackOffset: nil)
            localNames.append(name)
            localTypes.append(type)
            if isRegister { registers[name] = local }
        }
        scopes[scopes.count - 1][name] = local
        return local
    }

    mutating func allocateStack(_ cells: Int) -> Int {
        defer { stackSize += cells }
        return stackSize
    }

    /// Locals whose address the body takes; `&old` given to a primitive's
    /// out-parameter (try_cmpxchg's old, pte_offset_map_lock's ptlp) names
    /// the local the primitive writes and does not count.
    static func namesWithAddressTaken(in body: Statement, userFunctions: Set<String>) -> Set<String> {
        var names = Set<String>()
        var outParameters = Set<ObjectIdentifier>()
        body.forEachExpression { expression in
            if case .call(let callee, let arguments) = expression.kind, !userFunctions.contains(callee),
               let entry = PrimitiveCatalogue.entry(named: callee) {
                for (argument, parameter) in zip(arguments, entry.signature.parameters) where parameter.kind.isOutLocal {
                    if case .expression(let argument) = argument { outParameters.insert(ObjectIdentifier(argument)) }
                }
            }
            if case .unary("&", let target) = expression.kind, case .identifier(let name) = target.kind,
               !outParameters.contains(ObjectIdentifier(expression)) {
                names.insert(name)
            }
        }
        return names
    }

    func lookupLocal(_ name: String) -> Local? {
        for scope in scopes.reversed() {
            if let local = scope[name] { return local }
        }
        return register(name)
    }

    mutating func temporarySlot() -> Int {
        if let temporary { return temporary }
        let slot = localNames.count
        localNames.append("$tmp")
        localTypes.append(.long)
        temporary = slot
        return slot
    }

    // MARK: Statements

    mutating func statement(_ node: Statement) {
        location = node.location
        switch node.kind {
        case .empty:
            break
        case .expression(let expression):
            effect(expression)
        case .declaration(let decls):
            for variable in decls { declaration(variable) }
        case .block(let statements):
            scopes.append([:])
            for inner in statements { statement(inner) }
            scopes.removeLast()
        case .ifElse(let condition, let then, let otherwise):
            branchCondition(condition)
            let toElse = emitJump { .jumpIfFalse($0) }
            statement(then)
            if let otherwise {
                let toEnd = emitJump { .jump($0) }
                patch(toElse, to: code.count)
                statement(otherwise)
                patch(toEnd, to: code.count)
            } else {
                patch(toElse, to: code.count)
            }
        case .whileLoop(let condition, let body):
            let top = code.count
            branchCondition(condition)
            let exit = emitJump { .jumpIfFalse($0) }
            loops.append(LoopLabels())
            statement(body)
            location = node.location
            emit(.jump(top))
            patch(exit, to: code.count)
            closeLoop(breakTarget: code.count, continueTarget: top)
        case .doWhile(let body, let condition):
            let top = code.count
            loops.append(LoopLabels())
            statement(body)
            let conditionStart = code.count
            location = condition.location
            branchCondition(condition)
            emit(.jumpIfTrue(top))
            closeLoop(breakTarget: code.count, continueTarget: conditionStart)
        case .forLoop(let initial, let condition, let step, let body):
            scopes.append([:])
            if let initial { statement(initial) }
            let top = code.count
            var exit: Int?
            if let condition {
                location = condition.location
                branchCondition(condition)
                exit = emitJump { .jumpIfFalse($0) }
            }
            loops.append(LoopLabels())
            statement(body)
            let stepStart = code.count
            if let step {
                location = step.location
                effect(step)
            }
            emit(.jump(top))
            if let exit { patch(exit, to: code.count) }
            closeLoop(breakTarget: code.count, continueTarget: stepStart)
            scopes.removeLast()
        case .listForEachEntry(let walk, let head, let member, let body):
            if walk.kind.isHList {
                hlistForEachEntry(walk, head: head, member: member, body: body, at: node.location)
            } else {
                listForEachEntry(walk, head: head, member: member, body: body, at: node.location)
            }
        case .breakStatement:
            guard !loops.isEmpty else { return error("'break' outside a loop", at: node.location) }
            loops[loops.count - 1].breaks.append(emitJump { .jump($0) })
        case .continueStatement:
            guard let loop = loops.lastIndex(where: { !$0.isSwitch }) else { return error("'continue' outside a loop", at: node.location) }
            loops[loop].continues.append(emitJump { .jump($0) })
        case .switchStatement(let value, let body):
            switchStatement(value, body: body)
        case .caseLabel:
            error("a 'case' label must be a statement of a switch's own body", at: node.location)
        case .defaultLabel:
            error("a 'default' label must be a statement of a switch's own body", at: node.location)
        case .returnStatement(let value):
            if let value {
                guard returnType != .void else {
                    // `return free_reserved_ptdesc(ptdesc);` in a void
                    // function: GNU C, and the kernel, allow a void value.
                    guard let type = rvalue(value) else { return }
                    guard type == .void else {
                        return error(decl.threadIndex != nil ? "a thread returns no value" : "'\(decl.name)' returns void; it cannot return a value", at: value.location)
                    }
                    emit(.ret(hasValue: false))
                    return
                }
                guard let type = rvalue(value) else { return }
                _ = checkAssignable(returnType, from: type, value: value, what: "return value")
                emit(.ret(hasValue: true))
            } else {
                if returnType != .void {
                    error("'\(decl.name)' must return a '\(describe(returnType))'", at: node.location)
                }
                emit(.ret(hasValue: false))
            }
        }
    }

    mutating func closeLoop(breakTarget: Int, continueTarget: Int) {
        let labels = loops.removeLast()
        for position in labels.breaks { patch(position, to: breakTarget) }
        for position in labels.continues { patch(position, to: continueTarget) }
    }

    mutating func convertForStorage(_ type: CType) {
        if let format = type.storageFormat, format.bits < 64 { emit(.convert(format)) }
    }

    /// Compiles a condition to a value on the stack; any scalar will do.
    mutating func branchCondition(_ expression: Expression) {
        guard let type = rvalue(expression) else { return }
        if !type.isScalar || type == .void {
            error("a condition must be a number or a pointer, not '\(describe(type))'", at: expression.location)
        }
    }
}
