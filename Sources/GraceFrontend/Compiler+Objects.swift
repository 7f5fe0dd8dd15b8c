extension Compiler {
    /// The value of a kernel constant (SPEC §2.1), nil for other names.
    func namedConstant(_ name: String) -> Int64? {
        KernelConstants.value(of: name, pageWords: config.pageWords)
    }

    // MARK: Declaring

    func declareSharedObjects(_ model: ModelSyntax) {
        var parameterTypes: [String: (CType, SourceLocation)] = [:]
        for decl in functionDecls where decl.threadIndex != nil {
            for parameter in decl.parameters {
                guard let syntax = parameter.type, let type = resolveType(syntax) else { continue }
                guard case .pointer(let pointee) = type else {
                    diagnostics.error("thread parameters are pointers to shared objects, as in herd7; '\(parameter.name)' has type '\(types.describe(type))'", at: parameter.location)
                    continue
                }
                if parameterTypes[parameter.name] == nil { parameterTypes[parameter.name] = (pointee, parameter.location) }
            }
        }
        for entry in model.initEntries {
            guard case .object(let decl) = entry else { continue }
            if objectsByName[decl.name] != nil {
                diagnostics.error("'\(decl.name)' is declared twice in the init block", at: decl.location)
                continue
            }
            if functionIndex[decl.name] != nil {
                diagnostics.error("'\(decl.name)' names both a shared object and a function", at: decl.location)
                continue
            }
            var type: CType
            if let syntax = decl.type {
                guard let resolved = resolveType(syntax) else { continue }
                type = resolved
            } else if let (parameterType, _) = parameterTypes[decl.name] {
                type = parameterType
            } else if let initializer = decl.initializer, case .identifier(let name) = initializer.kind,
                      namedConstant(name) == nil {
                let target = objectsByName[name].map { objects[$0].type } ?? parameterTypes[name]?.0 ?? .int
                type = .pointer(target)
            } else {
                type = .int
            }
            if type == .void {
                diagnostics.error("'\(decl.name)' cannot have type void", at: decl.location)
                continue
            }
            addObject(name: decl.name, type: type, declared: true, location: decl.location)
        }
        declareLocationsNamedByInitialValues(model, parameters: Set(parameterTypes.keys))
        for (name, (type, location)) in parameterTypes.sorted(by: { $0.key < $1.key }) where objectsByName[name] == nil {
            guard type != .void else {
                diagnostics.error("'\(name)' needs a type: 'void *' parameters name no object", at: location)
                continue
            }
            addObject(name: name, type: type, declared: true, location: location)
        }
        for location in model.finalClauseLocations where location.thread == nil && isUndeclared(location.name) {
            addObject(name: location.name, type: .int, declared: true, location: location.location)
        }
        for name in model.finalClauseAddressNames where isUndeclared(name.text) {
            addObject(name: name.text, type: .int, declared: true, location: name.location)
        }
    }

    private func isUndeclared(_ name: String) -> Bool {
        objectsByName[name] == nil && functionIndex[name] == nil && namedConstant(name) == nil
    }

    /// herd7 declares a location by naming it: in `p=y;`, `int *p = &y;`,
    /// `0:r1=y;` or `exists (z=0)`, y and z need no declaration. Such a
    /// location is an int holding 0, or what the pointer naming it points to.
    private func declareLocationsNamedByInitialValues(_ model: ModelSyntax, parameters: Set<String>) {
        for entry in model.initEntries {
            let decl: VariableDecl
            var holder: CType?
            switch entry {
            case .object(let object):
                decl = object
                holder = objectsByName[object.name].map { objects[$0].type }
            case .register(_, let register):
                decl = register
            }
            guard let initializer = decl.initializer, let (name, location) = Self.addressedName(initializer),
                  isUndeclared(name), !parameters.contains(name) else { continue }
            let pointee = holder?.pointee.flatMap { $0 == .void ? nil : $0 } ?? .int
            addObject(name: name, type: pointee, declared: true, location: location)
        }
    }

    /// The location an init value names for its address: `y` or `&y`.
    static func addressedName(_ expression: Expression) -> (String, SourceLocation)? {
        switch expression.kind {
        case .identifier(let name): return (name, expression.location)
        case .unary("&", let inner): return addressedName(inner)
        case .cast(_, let inner): return addressedName(inner)
        default: return nil
        }
    }

    func addObject(name: String, type: CType, declared: Bool, location: SourceLocation) {
        let base = objects.last.map { $0.base + $0.size } ?? 0
        var kind = ObjectInfo.Kind.plain
        var size = types.size(of: type)
        var contentsOffset = 0
        var initial: [(offset: Int, value: Int64)] = []
        let index = objects.count
        let pointerToSelf = { (offset: Int) in ValueEncoding.pointer(object: index, generation: 0, offset: offset) }
        if type == .aggregate(TypeTable.page) {
            kind = .page
            contentsOffset = size
            size += config.pageWords
            if declared { initial.append((KernelStructs.Page.refcount, 1)) }
        } else if type == .aggregate(TypeTable.mm) {
            kind = .mm
            let list = KernelStructs.MM.pgtableList
            initial += [(KernelStructs.MM.users, 1), (KernelStructs.MM.count, 1),
                        (list + KernelStructs.ListHead.next, pointerToSelf(list)), (list + KernelStructs.ListHead.prev, pointerToSelf(list))]
        } else if type == .aggregate(TypeTable.listHead) {
            initial += [(KernelStructs.ListHead.next, pointerToSelf(0)), (KernelStructs.ListHead.prev, pointerToSelf(0))]
        }
        guard objects.count < LanguageLimits.objects, base + size <= LanguageLimits.memoryCells else {
            diagnostics.error("'\(name)' does not fit: a model's memory holds at most \(LanguageLimits.memoryCells) cells in \(LanguageLimits.objects) objects", at: location)
            return
        }
        objectsByName[name] = index
        objects.append(ObjectInfo(name: name, type: type, kind: kind, base: base, size: size, contentsOffset: contentsOffset,
                                  initiallyAlive: declared, initialValues: initial, isDeclared: declared))
    }

    // MARK: Initial values

    func initialiseSharedObjects(_ model: ModelSyntax) {
        for entry in model.initEntries {
            guard case .object(let decl) = entry, let initializer = decl.initializer,
                  let index = objectsByName[decl.name], objects[index].isDeclared else { continue }
            var values: [Int: Int64] = [:]
            for (offset, value) in objects[index].initialValues { values[offset] = value }
            fill(initializer, type: objects[index].type, offset: 0, into: &values)
            objects[index].initialValues = values.sorted { $0.key < $1.key }.map { (offset: $0.key, value: $0.value) }
        }
    }

    private func fill(_ expression: Expression, type: CType, offset: Int, into values: inout [Int: Int64]) {
        switch type {
        case .aggregate(let id):
            guard case .initializerList(let entries) = expression.kind else {
                diagnostics.error("a '\(types.describe(type))' is initialised with '{ ... }'", at: expression.location)
                return
            }
            let positional = distinctFields(of: id)
            var position = 0
            for entry in entries {
                if let designator = entry.designator {
                    let path = designator.split(separator: ".").map(String.init)
                    guard let member = types.member(of: id, path: path) else {
                        diagnostics.error("'\(types.describe(type))' has no field '\(designator)'", at: entry.value.location)
                        continue
                    }
                    fill(entry.value, type: member.type, offset: offset + member.offset, into: &values)
                } else {
                    guard position < positional.count else {
                        diagnostics.error("too many initialisers for '\(types.describe(type))'", at: entry.value.location)
                        return
                    }
                    fill(entry.value, type: positional[position].type, offset: offset + positional[position].offset, into: &values)
                    position += 1
                }
            }
        case .array(let element, let count):
            guard case .initializerList(let entries) = expression.kind else {
                diagnostics.error("an array is initialised with '{ ... }'", at: expression.location)
                return
            }
            if entries.count > count {
                diagnostics.error("too many initialisers for an array of \(count)", at: expression.location)
            }
            let stride = types.size(of: element)
            for (position, entry) in entries.prefix(count).enumerated() {
                fill(entry.value, type: element, offset: offset + position * stride, into: &values)
            }
        default:
            if let value = constantPointerOrValue(expression, type: type) {
                values[offset] = type.storageFormat?.normalize(value) ?? value
            }
        }
    }

    /// The fields a positional initialiser walks: the first member at each offset.
    private func distinctFields(of id: AggregateID) -> [AggregateLayout.Field] {
        var seen = Set<Int>()
        return types[id].fields.filter { seen.insert($0.offset).inserted }
    }

    /// A constant initial value: a number, an object's address, or (herd7 and
    /// page-table forms) an object's name standing for its address.
    func constantPointerOrValue(_ expression: Expression, type: CType) -> Int64? {
        switch expression.kind {
        case .identifier(let name) where objectsByName[name] != nil:
            let object = objectsByName[name]!
            switch type {
            case .pmd, .pte:
                guard objects[object].kind == .page else {
                    diagnostics.error("a \(types.describe(type)) is initialised with a page; '\(name)' is not a struct page", at: expression.location)
                    return nil
                }
                return ValueEncoding.pointer(object: object, generation: 0, offset: 0)
            case .pointer, .integer:
                return ValueEncoding.pointer(object: object, generation: 0, offset: 0)
            default:
                diagnostics.error("type mismatch: '\(name)' is an object, '\(types.describe(type))' is not a pointer", at: expression.location)
                return nil
            }
        case .identifier(let name) where functionIndex[name] != nil:
            return ValueEncoding.function(functionIndex[name]!)
        case .unary("&", let inner):
            return constantAddress(inner)
        case .call(let name, let arguments) where PrimitiveCatalogue.entry(named: name)?.form == .initializer:
            guard arguments.count == 1, case .expression(let inner) = arguments[0] else {
                diagnostics.error("\(name) takes one value", at: expression.location)
                return nil
            }
            return constantPointerOrValue(inner, type: type)
        case .cast(_, let inner):
            // A cast of a number converts it as at run time; a cast of an
            // address (`(void *)&x`, `(unsigned long)&x`) keeps the address.
            return constantValue(expression) ?? constantPointerOrValue(inner, type: type)
        default:
            guard let value = constantValue(expression) else {
                diagnostics.error("initial values must be constants or addresses of shared objects", at: expression.location)
                return nil
            }
            return value
        }
    }

    private func constantAddress(_ expression: Expression) -> Int64? {
        switch expression.kind {
        case .identifier(let name):
            if let object = objectsByName[name] { return ValueEncoding.pointer(object: object, generation: 0, offset: 0) }
            if let function = functionIndex[name] { return ValueEncoding.function(function) }
            diagnostics.error("use of undeclared name '\(name)'", at: expression.location)
            return nil
        case .member(let base, let field, arrow: false):
            guard let address = constantAddress(base), let object = ValueEncoding.object(of: address) else { return nil }
            guard case .aggregate(let id) = objectType(at: address, object: object),
                  let member = types[id].field(named: field) else {
                diagnostics.error("no field '\(field)' here", at: expression.location)
                return nil
            }
            return address + Int64(member.offset)
        case .index(let base, let subscriptExpression):
            guard let address = constantAddress(base), let object = ValueEncoding.object(of: address),
                  let position = constantValue(subscriptExpression),
                  case .array(let element, let count) = objectType(at: address, object: object), position >= 0, position < count else {
                diagnostics.error("a constant index within the array is needed here", at: expression.location)
                return nil
            }
            return address + position * Int64(types.size(of: element))
        default:
            diagnostics.error("only addresses of shared objects are constant", at: expression.location)
            return nil
        }
    }

    /// The type of the sub-object a constant address points at, when it starts one.
    private func objectType(at address: Int64, object: Int) -> CType? {
        var type = objects[object].type
        var remaining = ValueEncoding.offset(of: address)
        while remaining > 0 {
            switch type {
            case .aggregate(let id):
                guard let field = types[id].fields.last(where: { $0.offset <= remaining }) else { return nil }
                remaining -= field.offset
                type = field.type
            case .array(let element, _):
                remaining %= types.size(of: element)
                type = element
            default:
                return nil
            }
        }
        return type
    }

}
