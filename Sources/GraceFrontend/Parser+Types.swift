extension Parser {
    /// Type names that need no `struct` keyword.
    static let scalarTypeNames: Set<String> = [
        "int", "long", "short", "char", "unsigned", "signed", "bool", "_Bool", "void",
        "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "size_t", "gfp_t", "pgprot_t",
        "atomic_t", "atomic_long_t", "atomic64_t", "spinlock_t", "pmd_t", "pte_t", "pgtable_t",
        "rcu_callback_t", "smp_call_func_t", "uintptr_t", "intptr_t", "phys_addr_t", "refcount_t",
    ]

    static let qualifiers: Set<String> = ["const", "volatile", "static", "register", "__rcu", "inline"]

    var isTypeStart: Bool {
        guard current.isIdentifier else { return false }
        if Self.qualifiers.contains(current.text) { return true }
        if current.text == "struct" || current.text == "union" { return true }
        return Self.scalarTypeNames.contains(current.text)
    }

    /// Parses a type specifier: qualifiers, a base type, no declarator.
    mutating func parseTypeSpecifier() throws(Recovery) -> TypeName {
        while current.isIdentifier, Self.qualifiers.contains(current.text) { advance() }
        let location = current.location
        if current.isIdentifier("struct") || current.isIdentifier("union") {
            let isUnion = current.text == "union"
            if peek().isPunct("{") {
                let decl = try parseAggregateDefinition()
                return TypeName(base: .anonymousAggregate(decl), location: location)
            }
            if peek().isIdentifier && peek(2).isPunct("{") {
                let decl = try parseAggregateDefinition()
                return TypeName(base: .anonymousAggregate(decl), location: location)
            }
            advance()
            let name = try expectIdentifier("a \(isUnion ? "union" : "struct") name")
            return TypeName(base: .aggregate(name: name.text, isUnion: isUnion), location: location)
        }
        guard current.isIdentifier, Self.scalarTypeNames.contains(current.text) else {
            throw fail("expected a type, found \(describe(current))")
        }
        var words: [String] = []
        while current.isIdentifier, Self.scalarTypeNames.contains(current.text) || Self.qualifiers.contains(current.text) {
            let word = advance().text
            if !Self.qualifiers.contains(word) { words.append(word) }
            if !["unsigned", "signed", "long", "short"].contains(word) { break }
        }
        return TypeName(base: .scalar(Self.canonicalScalar(words)), location: location)
    }

    /// Folds multi-word C spellings (`unsigned long int`) to one name.
    static func canonicalScalar(_ words: [String]) -> String {
        let unsigned = words.contains("unsigned")
        let longs = words.filter { $0 == "long" }.count
        if words.contains("short") { return unsigned ? "u16" : "s16" }
        if words.contains("char") { return unsigned ? "u8" : "s8" }
        if longs > 0 { return unsigned ? "unsigned long" : "long" }
        if words == ["unsigned"] || words == ["unsigned", "int"] { return "unsigned int" }
        if words == ["signed"] || words == ["signed", "int"] { return "int" }
        return words.last ?? "int"
    }

    /// Parses `*name[N]`, or `(*name)(params)` for a function pointer.
    mutating func parseDeclarator(base: TypeName, requireName: Bool = true) throws(Recovery) -> VariableDecl {
        var type = base
        while consume("*") {
            type.pointerDepth += 1
            while current.isIdentifier, Self.qualifiers.contains(current.text) { advance() }
        }
        if current.isPunct("(") && peek().isPunct("*") {
            advance()
            advance()
            let name = try expectIdentifier("a function pointer name")
            try expect(")", "after a function pointer name")
            try skipBalancedParentheses()
            return VariableDecl(name: name.text, type: TypeName(base: .function, location: type.location), initializer: nil, location: name.location)
        }
        guard current.isIdentifier else {
            if requireName { throw fail("expected a name in this declaration, found \(describe(current))") }
            return VariableDecl(name: "", type: type, initializer: nil, location: current.location)
        }
        let name = advance()
        while consume("[") {
            type.arrayBounds.append(try parseConditional())
            try expect("]", "to close an array bound")
        }
        return VariableDecl(name: name.text, type: type, initializer: nil, location: name.location)
    }

    mutating func skipBalancedParentheses() throws(Recovery) {
        try expect("(", "to open a parameter list")
        var depth = 1
        while depth > 0 && !atEnd {
            if current.isPunct("(") { depth += 1 }
            if current.isPunct(")") { depth -= 1 }
            advance()
        }
    }

    /// `type a = 1, *b, c[2];`; in the init block, herd7 lets the last
    /// entry end at the block's `}` without its `;`.
    mutating func parseDeclaration(closingBraceEnds: Bool = false) throws(Recovery) -> [VariableDecl] {
        let base = try parseTypeSpecifier()
        var decls: [VariableDecl] = []
        if current.isPunct(";"), case .anonymousAggregate(let aggregate) = base.base, aggregate.name != nil {
            advance()
            return []
        }
        repeat {
            var decl = try parseDeclarator(base: base)
            if consume("=") { decl.initializer = try parseInitializer() }
            decls.append(decl)
        } while consume(",")
        if !(closingBraceEnds && current.isPunct("}")) { try expect(";", "after a declaration") }
        return decls
    }

    mutating func parseInitializer() throws(Recovery) -> Expression {
        guard current.isPunct("{") else { return try parseAssignment() }
        let location = advance().location
        var entries: [(designator: String?, value: Expression)] = []
        while !current.isPunct("}") && !atEnd {
            var designator: String?
            if current.isPunct(".") {
                advance()
                var path = try expectIdentifier("a field name after '.'").text
                while consume(".") { path += "." + (try expectIdentifier("a field name after '.'").text) }
                designator = path
                try expect("=", "after a designator")
            }
            entries.append((designator, try nested { try $0.parseInitializer() }))
            if !consume(",") { break }
        }
        try expect("}", "to close an initialiser list")
        return try node(.initializerList(entries), at: location)
    }

    /// `struct name { fields }` (name optional for anonymous members).
    mutating func parseAggregateDefinition() throws(Recovery) -> AggregateDecl {
        let keyword = advance()
        let isUnion = keyword.text == "union"
        var name: String?
        if current.isIdentifier { name = advance().text }
        try expect("{", "to open the \(isUnion ? "union" : "struct") body")
        var fields: [VariableDecl] = []
        while !current.isPunct("}") && !atEnd {
            let base = try nested { try $0.parseTypeSpecifier() }
            if current.isPunct(";"), case .anonymousAggregate = base.base {
                advance()
                fields.append(VariableDecl(name: "", type: base, initializer: nil, location: base.location))
                continue
            }
            repeat {
                fields.append(try parseDeclarator(base: base))
            } while consume(",")
            try expect(";", "after a field")
        }
        try expect("}", "to close the \(isUnion ? "union" : "struct") body")
        return AggregateDecl(name: name, isUnion: isUnion, fields: fields, location: keyword.location)
    }
}
