/// herd7's registers. A litmus thread's locals are registers: one per name,
/// whatever block declares it, so a value declared inside an `if` is still
/// there for the final condition; a register the init block sets (`0:r1=x;`),
/// the final condition reads (`exists (0:r9=0)`) or the code assigns
/// (`r1 = READ_ONCE(*x);`) needs no declaration. Helper functions keep C's
/// scopes: herd7 has none, so nothing there is herd7's to follow.
extension FunctionCompiler {
    /// The names the test gives thread `index` outside its code: registers
    /// with a starting value in the init block, and registers a final
    /// condition, filter or locations list names.
    struct ExternalRegisters {
        var initialised: Set<String> = []
        var named: Set<String> = []
    }

    var isThread: Bool { decl.threadIndex != nil }

    /// The register `name` of this thread, declared in any block or implicit.
    func register(_ name: String) -> Local? {
        isThread ? registers[name] : nil
    }

    /// Registers that must exist before the body runs: those the init block
    /// starts at a value (a declaration's own initialiser may read that
    /// value, `intptr_t r4 = (r1 == r4);`) and those nothing declares.
    mutating func declareExternalRegisters() {
        guard let thread = decl.threadIndex else { return }
        let external = context.externalRegisters[thread] ?? ExternalRegisters()
        initialisedRegisters = external.initialised
        var declaredTypes: [String: TypeName] = [:]
        var assigned: [String] = []
        decl.body.forEachDeclaration { variable in
            if declaredTypes[variable.name] == nil, let type = variable.type { declaredTypes[variable.name] = type }
        }
        decl.body.forEachExpression { expression in
            switch expression.kind {
            case .assign(_, let target, _), .postfix(_, let target), .unary("++", let target), .unary("--", let target):
                if case .identifier(let name) = target.kind { assigned.append(name) }
            default:
                break
            }
        }
        let parameters = Set(decl.parameters.map(\.name))
        let candidates = external.initialised.sorted() + external.named.sorted() + assigned
        for name in candidates where registers[name] == nil && !parameters.contains(name) {
            if let syntax = declaredTypes[name] {
                // Declared registers are laid out where their declaration is,
                // unless the init block gives them a value before it.
                guard external.initialised.contains(name), let type = context.resolveType(syntax), type.isScalar,
                      !addressTaken.contains(name) else { continue }
                registers[name] = Local(slot: addSlot(name, type), type: type, stackOffset: nil)
            } else if !isSharedName(name) {
                registers[name] = Local(slot: addSlot(name, .intptr), type: .intptr, stackOffset: nil)
            }
        }
    }

    /// Names that mean a shared object, a function or a constant: assigning
    /// one of those is not a register, as shared objects are visible by name.
    func isSharedName(_ name: String) -> Bool {
        context.objectsByName[name] != nil || context.functionIndex[name] != nil || context.namedConstant(name) != nil
    }

    private mutating func addSlot(_ name: String, _ type: CType) -> Int {
        localNames.append(name)
        localTypes.append(type)
        return localNames.count - 1
    }

    /// A register a thread reads but nothing declares or sets: herd7 reads it
    /// as 0, and so does Grace, with a warning, as it is most likely a typo.
    mutating func unsetRegister(_ name: String, at location: SourceLocation) -> Local? {
        guard let thread = decl.threadIndex else { return nil }
        context.diagnostics.warning("'\(name)' is never declared or set in P\(thread); it reads 0, as herd7 reads an unset register", at: location)
        let register = Local(slot: addSlot(name, .intptr), type: .intptr, stackOffset: nil)
        registers[name] = register
        return register
    }
}
