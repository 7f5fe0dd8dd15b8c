/// Resolves names and types of a parsed model and compiles it to a `Program`.
/// Every error is reported with its location; a model with errors yields no
/// program, so it can never get a verdict.
final class Compiler {
    let file: SourceFile
    var diagnostics: DiagnosticEngine
    var types = TypeTable()
    let config: ModelConfig
    var objects: [ObjectInfo] = []
    var objectsByName: [String: Int] = [:]
    var functionIndex: [String: Int] = [:]
    var functionDecls: [FunctionDecl] = []
    var compiledFunctions: [Function?] = []
    /// Per thread, the registers the init block and final condition name.
    var externalRegisters: [Int: FunctionCompiler.ExternalRegisters] = [:]
    let pageStructSize: Int
    /// How deep a recursive walk into each struct goes; see `nestingDepth(of:)`.
    var aggregateDepths: [AggregateID: Int] = [:]
    /// Structs whose fields are being resolved: a field of one of them by
    /// value would make the struct contain itself.
    var aggregatesBeingDefined: Set<AggregateID> = []
    /// Functions the compiler writes for built-in primitives (the callback
    /// kfree_rcu queues), numbered after the model's own.
    var synthesizedFunctions: [(key: String, function: Function)] = []

    init(file: SourceFile, diagnostics: DiagnosticEngine, config: ModelConfig) {
        self.file = file
        self.diagnostics = diagnostics
        self.config = config
        self.pageStructSize = KernelStructs.Page.size
        for (index, layout) in types.aggregates.enumerated() {
            aggregateDepths[AggregateID(rawValue: index)] = 1 + (layout.fields.map { nestingDepth(of: $0.type) }.max() ?? 0)
        }
    }

    func compile(_ model: ModelSyntax, directives: Directives) -> Program? {
        for aggregate in model.aggregates {
            if let name = aggregate.name, types.isReplaceable(name) { _ = types.declare(name: name, isUnion: aggregate.isUnion) }
        }
        for aggregate in model.aggregates { declareAggregate(aggregate) }
        registerFunctions(model.functions)
        declareSharedObjects(model)
        collectExternalRegisters(model)
        let poolSize = config.poolPages ?? countAllocationSites(model.functions)
        for index in 0..<poolSize {
            addObject(name: "page\(index)", type: .aggregate(TypeTable.page), declared: false, location: .unknown)
        }
        initialiseSharedObjects(model)
        compiledFunctions = Array(repeating: nil, count: functionDecls.count)
        for (index, decl) in functionDecls.enumerated() {
            var compiler = FunctionCompiler(context: self, decl: decl, index: index)
            compiledFunctions[index] = compiler.compile()
        }
        checkCallGraph()
        let threads = buildThreads(model)
        let condition = model.condition.flatMap { compileCondition($0, threads: threads) }
        let filter = model.filter.flatMap { compileProposition($0, threads: threads) }
        for location in model.locations { _ = resolveLocation(location, threads: threads) }
        guard !diagnostics.hasErrors else { return nil }
        var finalThreads = threads
        if let condition { markKept(condition.proposition, in: &finalThreads) }
        if let filter { markKept(filter, in: &finalThreads) }
        let functions = compiledFunctions.map { $0! } + synthesizedFunctions.map(\.function)
        let (maxFrames, maxValues) = stackBounds(functions)
        let cpuCount = max(config.cpus ?? 0, finalThreads.count, 1)
        let stackObjectBase = addStackObjects(functions, cpuCount: cpuCount)
        checkStateSize(maxValues: maxValues)
        guard !diagnostics.hasErrors else { return nil }
        var rcuHeads: [Int] = []
        var srcuCells: [Int] = []
        var overlays = Set<Int>()
        for object in objects {
            rcuHeads += types.rcuHeadOffsets(in: object.type).map { object.base + $0 }
            srcuCells += types.offsets(of: TypeTable.srcu, in: object.type).map { object.base + $0 }
            overlays.formUnion(types.rcuListOverlays(in: object.type).map { object.base + $0 })
        }
        return Program(
            name: model.name, warnings: diagnostics.sorted(), description: model.description, metadata: model.metadata, file: file, directives: directives, types: types, objects: objects,
            functions: functions, threads: finalThreads, condition: condition, filter: filter,
            memoryCells: objects.last.map { $0.base + $0.size } ?? 0,
            rcuHeadCells: rcuHeads, rcuListOverlayCells: overlays, srcuCells: srcuCells, cpuCount: cpuCount,
            stackObjectBase: stackObjectBase, maxFrames: maxFrames, maxValues: maxValues)
    }

    // MARK: Aggregates

    @discardableResult
    func declareAggregate(_ decl: AggregateDecl) -> AggregateID {
        if let name = decl.name, let existing = types.lookup(name), existing.rawValue >= TypeTable.builtInCount {
            if !types[existing].fields.isEmpty {
                diagnostics.error("redefinition of '\(decl.isUnion ? "union" : "struct") \(name)'", at: decl.location)
            }
            return defineAggregate(existing, decl)
        }
        if let name = decl.name, types.lookup(name) != nil {
            diagnostics.error("'struct \(name)' is built in; name the model's own struct differently", at: decl.location)
        }
        let id = types.declare(name: decl.name ?? "", isUnion: decl.isUnion)
        return defineAggregate(id, decl)
    }

    private func defineAggregate(_ id: AggregateID, _ decl: AggregateDecl) -> AggregateID {
        var fields: [AggregateLayout.Field] = []
        var offset = 0
        var size = 0
        var depth = 0
        aggregatesBeingDefined.insert(id)
        defer { aggregatesBeingDefined.remove(id) }
        for field in decl.fields {
            guard let syntax = field.type, let type = resolveType(syntax) else { continue }
            if case .aggregate(let inner) = type.removingArrays, aggregatesBeingDefined.contains(inner) {
                diagnostics.error("field '\(field.name)' would make '\(types.describe(type.removingArrays))' contain itself; use a pointer", at: field.location)
                continue
            }
            depth = max(depth, nestingDepth(of: type))
            let fieldSize = types.size(of: type)
            let fieldOffset = decl.isUnion ? 0 : offset
            if field.name.isEmpty, case .aggregate(let inner) = type {
                // Anonymous struct or union: its members belong to the parent.
                for member in types[inner].fields {
                    fields.append(.init(name: member.name, type: member.type, offset: fieldOffset + member.offset))
                }
            } else {
                if fields.contains(where: { $0.name == field.name }) {
                    diagnostics.error("duplicate field '\(field.name)'", at: field.location)
                }
                fields.append(.init(name: field.name, type: type, offset: fieldOffset))
            }
            if decl.isUnion { size = max(size, fieldSize) } else { offset += fieldSize; size = offset }
            guard size <= LanguageLimits.objectCells else {
                diagnostics.error("'\(types.describe(.aggregate(id)))' takes more than \(LanguageLimits.objectCells) cells, the most one object may", at: field.location)
                break
            }
        }
        if depth + 1 > LanguageLimits.typeNesting {
            diagnostics.error(Self.typeNestingMessage, at: decl.location)
        }
        aggregateDepths[id] = depth + 1
        types.define(id, fields: fields, size: min(size, LanguageLimits.objectCells))
        return id
    }

    /// Resolves a written type; reports and returns nil when it names nothing.
    func resolveType(_ syntax: TypeName) -> CType? {
        guard syntax.pointerDepth + syntax.arrayBounds.count <= LanguageLimits.typeNesting else {
            diagnostics.error(Self.typeNestingMessage, at: syntax.location)
            return nil
        }
        var base: CType
        switch syntax.base {
        case .scalar(let name):
            guard let scalar = Self.scalarType(name) else {
                diagnostics.error("unknown type '\(name)'", at: syntax.location)
                return nil
            }
            base = scalar
        case .aggregate(let name, let isUnion):
            guard let id = types.lookup(name) else {
                diagnostics.error("unknown type '\(isUnion ? "union" : "struct") \(name)'", at: syntax.location)
                return nil
            }
            base = .aggregate(id)
        case .anonymousAggregate(let decl):
            base = .aggregate(declareAggregate(decl))
        case .function:
            base = .function
        }
        for _ in 0..<syntax.pointerDepth { base = .pointer(base) }
        for bound in syntax.arrayBounds.reversed() {
            guard let count = constantValue(bound), count > 0, count <= LanguageLimits.arrayBound else {
                diagnostics.error("array bounds must be constants from 1 to \(LanguageLimits.arrayBound)", at: bound.location)
                return nil
            }
            base = .array(base, count: Int(count))
            guard types.size(of: base) <= LanguageLimits.objectCells else {
                diagnostics.error("'\(types.describe(base))' takes \(types.size(of: base)) cells; an object takes at most \(LanguageLimits.objectCells)", at: bound.location)
                return nil
            }
        }
        guard nestingDepth(of: base) <= LanguageLimits.typeNesting else {
            diagnostics.error(Self.typeNestingMessage, at: syntax.location)
            return nil
        }
        return base
    }

    static func scalarType(_ name: String) -> CType? {
        switch name {
        case "int", "s32": return .int
        case "long", "s64": return .long
        case "intptr_t": return .intptr
        case "unsigned int", "u32": return .integer(.unsignedInt, name: name)
        case "unsigned long", "u64", "size_t", "gfp_t", "pgprot_t", "uintptr_t", "phys_addr_t": return .integer(.unsignedLong, name: name)
        case "u16": return .integer(IntegerFormat(bits: 16, isSigned: false), name: name)
        case "s16": return .integer(IntegerFormat(bits: 16, isSigned: true), name: name)
        case "u8": return .integer(IntegerFormat(bits: 8, isSigned: false), name: name)
        case "s8", "char": return .integer(IntegerFormat(bits: 8, isSigned: true), name: name)
        case "bool", "_Bool": return .bool
        case "void": return .void
        case "atomic_t": return .atomic(.int, name: "atomic_t")
        case "atomic_long_t": return .atomic(.long, name: "atomic_long_t")
        case "atomic64_t": return .atomic(.long, name: "atomic64_t")
        case "spinlock_t": return .spinlock
        case "pmd_t": return .pmd
        case "pte_t": return .pte
        case "pgtable_t": return .pointer(.aggregate(TypeTable.page))
        case "refcount_t": return .aggregate(TypeTable.refcount)
        case "rcu_callback_t", "smp_call_func_t": return .function
        default: return nil
        }
    }

    // MARK: Functions

    private func registerFunctions(_ functions: [FunctionDecl]) {
        var threadNumbers = Set<Int>()
        for decl in functions {
            if functionIndex[decl.name] != nil {
                diagnostics.error("redefinition of '\(decl.name)'", at: decl.location)
                continue
            }
            if let thread = decl.threadIndex {
                threadNumbers.insert(thread)
            }
            functionIndex[decl.name] = functionDecls.count
            functionDecls.append(decl)
        }
        let expected = Set(0..<threadNumbers.count)
        if threadNumbers != expected, let missing = expected.subtracting(threadNumbers).min() {
            let location = functions.first { $0.threadIndex != nil }?.location ?? .unknown
            diagnostics.error("threads are numbered P0, P1, ... without gaps; P\(missing) is missing", at: location)
        }
        if threadNumbers.isEmpty && !diagnostics.hasErrors {
            diagnostics.error("a model needs at least one thread 'P0(...) { ... }'", at: file.location(of: file.bytes.count))
        }
        if let first = functions.first(where: { ($0.threadIndex ?? 0) >= LanguageLimits.threads }) {
            diagnostics.error("at most \(LanguageLimits.threads) threads, P0 to P\(LanguageLimits.threads - 1): each runs on its own CPU and sets of CPUs are 64-bit masks", at: first.location)
        }
        if functionDecls.count > LanguageLimits.functions {
            diagnostics.error("at most \(LanguageLimits.functions) functions are supported", at: functionDecls[LanguageLimits.functions].location)
        }
    }

    private func stackBounds(_ functions: [Function]) -> (frames: Int, values: Int) {
        var memo: [Int: (Int, Int)] = [:]
        func bound(_ index: Int) -> (Int, Int) {
            if let known = memo[index] { return known }
            let function = functions[index]
            var frames = 1
            var values = function.localCount + function.maxStack
            for callee in function.callees {
                let inner = bound(callee)
                frames = max(frames, 1 + inner.0)
                values = max(values, function.localCount + function.maxStack + inner.1)
            }
            memo[index] = (frames, values)
            return (frames, values)
        }
        var frames = 1
        var values = 1
        for index in functions.indices {
            let (f, v) = bound(index)
            frames = max(frames, f)
            values = max(values, v)
        }
        return (frames, values)
    }

    private func buildThreads(_ model: ModelSyntax) -> [ThreadEntry] {
        var threads: [ThreadEntry] = []
        let decls = functionDecls.filter { $0.threadIndex != nil }.sorted { $0.threadIndex! < $1.threadIndex! }
        for decl in decls {
            guard let index = functionIndex[decl.name], let function = compiledFunctions[index] else { continue }
            var locals = Array(repeating: Int64(0), count: function.localCount)
            for (position, parameter) in decl.parameters.enumerated() {
                if let object = objectsByName[parameter.name] {
                    locals[position] = ValueEncoding.pointer(object: object, generation: 0, offset: 0)
                }
            }
            threads.append(ThreadEntry(index: decl.threadIndex!, function: index, initialLocals: locals, keptLocals: []))
        }
        for entry in model.initEntries {
            guard case .register(let thread, let decl) = entry else { continue }
            guard thread < threads.count, let function = compiledFunctions[threads[thread].function] else {
                diagnostics.error("there is no thread P\(thread)", at: decl.location)
                continue
            }
            guard let slot = function.localNames.firstIndex(of: decl.name) else {
                diagnostics.error("P\(thread) has no local named '\(decl.name)'", at: decl.location)
                continue
            }
            if let initializer = decl.initializer, let value = constantPointerOrValue(initializer, type: function.localTypes[slot]) {
                threads[thread].initialLocals[slot] = value
            }
        }
        return threads
    }

    /// One stack object per CPU and context level, as large as the deepest
    /// chain of frames with locals in stack memory; nil when no frame has any.
    private func addStackObjects(_ functions: [Function], cpuCount: Int) -> Int? {
        var memo: [Int: Int] = [:]
        func need(_ index: Int) -> Int {
            if let known = memo[index] { return known }
            let result = functions[index].frameStackSize + (functions[index].callees.map(need).max() ?? 0)
            memo[index] = result
            return result
        }
        let size = functions.indices.map(need).max() ?? 0
        guard size > 0 else { return nil }
        let levels = ["task", "softirq", "irq"]
        let used = objects.last.map { $0.base + $0.size } ?? 0
        guard used + cpuCount * levels.count * size <= LanguageLimits.memoryCells else {
            let deepest = functions.indices.max { need($0) < need($1) } ?? 0
            diagnostics.error("locals in stack memory take \(size) cells in '\(functions[deepest].name)' and the functions it calls, on each of \(cpuCount * levels.count) contexts; the model's memory holds at most \(LanguageLimits.memoryCells) cells", at: functions[deepest].location)
            return nil
        }
        let base = objects.count
        for cpu in 0..<cpuCount {
            for level in levels {
                let start = objects.last.map { $0.base + $0.size } ?? 0
                objects.append(ObjectInfo(name: "CPU\(cpu).\(level).stack", type: .array(.long, count: size), kind: .stack, base: start,
                                          size: size, contentsOffset: size, initiallyAlive: true, initialValues: [], isDeclared: true))
            }
        }
        return base
    }

    private func countAllocationSites(_ functions: [FunctionDecl]) -> Int {
        var count = 0
        for function in functions {
            function.body.forEachExpression { expression in
                if case .call(let name, _) = expression.kind, functionIndex[name] == nil,
                   PrimitiveCatalogue.entry(named: name)?.allocates == true { count += 1 }
            }
        }
        return min(count, 8)
    }
}
