extension Compiler {
    func compileCondition(_ condition: FinalCondition, threads: [ThreadEntry]) -> CompiledCondition? {
        guard let proposition = compileProposition(condition.proposition, threads: threads) else { return nil }
        let quantifier: FinalConditionQuantifier
        switch condition.quantifier {
        case .exists: quantifier = .exists
        case .notExists: quantifier = .notExists
        case .forall: quantifier = .forall
        }
        let line = file.lineText(condition.location.line).trimmingWhitespace()
        return CompiledCondition(quantifier: quantifier, proposition: proposition, text: line)
    }

    func compileProposition(_ proposition: Proposition, threads: [ThreadEntry]) -> CompiledProposition? {
        switch proposition {
        case .constant(let value):
            return .constant(value)
        case .and(let left, let right):
            guard let a = compileProposition(left, threads: threads), let b = compileProposition(right, threads: threads) else { return nil }
            return .and(a, b)
        case .or(let left, let right):
            guard let a = compileProposition(left, threads: threads), let b = compileProposition(right, threads: threads) else { return nil }
            return .or(a, b)
        case .not(let inner):
            return compileProposition(inner, threads: threads).map { .not($0) }
        case .compare(let location, let equal, let value):
            guard let resolved = resolveLocation(location, threads: threads) else { return nil }
            let constant: Int64
            switch value {
            case .integer(let number):
                constant = number
            case .name(let name, let nameLocation):
                if let object = objectsByName[name] {
                    constant = ValueEncoding.pointer(object: object, generation: 0, offset: 0)
                } else if let named = namedConstant(name) {
                    constant = named
                } else {
                    diagnostics.error("use of undeclared name '\(name)' in the final condition", at: nameLocation)
                    return nil
                }
            case .element(let name, let index, let nameLocation):
                guard let object = objectsByName[name] else {
                    diagnostics.error("use of undeclared name '\(name)' in the final condition", at: nameLocation)
                    return nil
                }
                var stride = 0
                var count = 1
                if case .array(let element, let elements) = objects[object].type {
                    stride = types.size(of: element)
                    count = elements
                }
                guard index >= 0, index < count else {
                    diagnostics.error("index \(index) is outside '\(name)', which has \(count) element\(count == 1 ? "" : "s")", at: nameLocation)
                    return nil
                }
                constant = ValueEncoding.pointer(object: object, generation: 0, offset: index * stride)
            case .location(let other):
                guard let otherResolved = resolveLocation(other, threads: threads) else { return nil }
                return .compareLocations(resolved, equal: equal, otherResolved)
            }
            return .compare(resolved, equal: equal, constant)
        }
    }

    func resolveLocation(_ location: PropositionLocation, threads: [ThreadEntry]) -> CompiledLocation? {
        if let thread = location.thread {
            guard thread < threads.count, let function = compiledFunctions[threads[thread].function] else {
                diagnostics.error("there is no thread P\(thread)", at: location.location)
                return nil
            }
            guard let slot = function.localNames.firstIndex(of: location.name) else {
                diagnostics.error("P\(thread) has no local named '\(location.name)'", at: location.location)
                return nil
            }
            return .register(thread: thread, slot: slot)
        }
        guard let object = objectsByName[location.name] else {
            diagnostics.error("use of undeclared name '\(location.name)' in the final condition", at: location.location)
            return nil
        }
        let info = objects[object]
        var cell = info.base
        var type = info.type
        var position = 0
        while position < location.path.count {
            switch (location.path[position], type) {
            case (.field("contents"), _) where info.kind == .page && position == 0:
                guard position + 1 < location.path.count, case .index(let word) = location.path[position + 1], word >= 0, word < config.pageWords else {
                    diagnostics.error("'\(location.name).contents' needs an index below page_words (\(config.pageWords))", at: location.location)
                    return nil
                }
                return .memory(cell: info.base + info.contentsOffset + word)
            case (.field(let field), .aggregate(let id)):
                guard let member = types[id].field(named: field) else {
                    diagnostics.error("'\(types.describe(type))' has no field '\(field)'", at: location.location)
                    return nil
                }
                cell += member.offset
                type = member.type
            case (.index(0), _) where type.isScalar && position == location.path.count - 1:
                // herd7's `x[0]` is x itself.
                break
            case (.index(let index), .array(let element, let count)):
                guard index >= 0, index < count else {
                    diagnostics.error("index \(index) is outside '\(location.name)', an array of \(count)", at: location.location)
                    return nil
                }
                cell += index * types.size(of: element)
                type = element
            default:
                diagnostics.error("'\(location.name)' has no such element or field in the final condition", at: location.location)
                return nil
            }
            position += 1
        }
        guard type.isScalar else {
            diagnostics.error("the final condition compares scalars; '\(location.name)' here is a '\(types.describe(type))'", at: location.location)
            return nil
        }
        return .memory(cell: cell)
    }

    private func keep(_ location: CompiledLocation, in threads: inout [ThreadEntry]) {
        if case .register(let thread, let slot) = location, !threads[thread].keptLocals.contains(slot) {
            threads[thread].keptLocals.append(slot)
            threads[thread].keptLocals.sort()
        }
    }

    func markKept(_ proposition: CompiledProposition, in threads: inout [ThreadEntry]) {
        switch proposition {
        case .constant: break
        case .compare(let location, _, _):
            keep(location, in: &threads)
        case .compareLocations(let left, _, let right):
            keep(left, in: &threads)
            keep(right, in: &threads)
        case .and(let a, let b), .or(let a, let b):
            markKept(a, in: &threads)
            markKept(b, in: &threads)
        case .not(let inner):
            markKept(inner, in: &threads)
        }
    }
}

extension Compiler {
    /// The registers each thread has by the init block's or the final
    /// clauses' word: herd7 needs no declaration for them.
    func collectExternalRegisters(_ model: ModelSyntax) {
        for entry in model.initEntries {
            if case .register(let thread, let decl) = entry {
                externalRegisters[thread, default: .init()].initialised.insert(decl.name)
            }
        }
        for location in model.finalClauseLocations where location.thread != nil {
            externalRegisters[location.thread!, default: .init()].named.insert(location.name)
        }
    }
}

extension ModelSyntax {
    /// Every location the condition, the filter and the locations list name.
    var finalClauseLocations: [PropositionLocation] {
        var found = locations
        for proposition in [condition?.proposition, filter].compactMap({ $0 }) {
            proposition.forEachLocation { found.append($0) }
        }
        return found
    }
}

extension ModelSyntax {
    /// Names the final clauses use for their address (`0:r1=x`).
    var finalClauseAddressNames: [(text: String, location: SourceLocation)] {
        var found: [(text: String, location: SourceLocation)] = []
        for proposition in [condition?.proposition, filter].compactMap({ $0 }) {
            proposition.forEachValue { value in
                switch value {
                case .name(let name, let location), .element(let name, _, let location): found.append((name, location))
                case .integer, .location: break
                }
            }
        }
        return found
    }
}

extension Proposition {
    func forEachValue(_ body: (PropositionValue) -> Void) {
        switch self {
        case .constant: break
        case .compare(_, _, let value): body(value)
        case .and(let a, let b), .or(let a, let b):
            a.forEachValue(body)
            b.forEachValue(body)
        case .not(let inner): inner.forEachValue(body)
        }
    }

    func forEachLocation(_ body: (PropositionLocation) -> Void) {
        switch self {
        case .constant: break
        case .compare(let location, _, let value):
            body(location)
            if case .location(let other) = value { body(other) }
        case .and(let a, let b), .or(let a, let b):
            a.forEachLocation(body)
            b.forEachLocation(body)
        case .not(let inner): inner.forEachLocation(body)
        }
    }
}
