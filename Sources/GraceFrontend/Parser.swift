/// Recursive-descent parser for the model language: herd7 C litmus tests
/// and their Grace extensions. On an error it records a diagnostic and skips
/// to a point where parsing can resume, so several errors show in one run.
struct Parser {
    let file: SourceFile
    var tokens: [Token]
    var index = 0
    var diagnostics: DiagnosticEngine
    /// Levels open around the current token; see `LanguageLimits.nesting`.
    var nesting = 0

    struct Recovery: Error {}

    init(file: SourceFile, tokens: [Token], diagnostics: DiagnosticEngine) {
        self.file = file
        self.tokens = tokens
        self.diagnostics = diagnostics
    }

    var current: Token { tokens[index] }
    var atEnd: Bool { current.kind == .endOfFile }

    func peek(_ offset: Int = 1) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func consume(_ punct: String) -> Bool {
        if current.isPunct(punct) {
            advance()
            return true
        }
        return false
    }

    mutating func expect(_ punct: String, _ context: String) throws(Recovery) {
        guard consume(punct) else {
            throw fail("expected '\(punct)' \(context), found \(describe(current))")
        }
    }

    mutating func expectIdentifier(_ context: String) throws(Recovery) -> Token {
        guard current.isIdentifier else {
            throw fail("expected \(context), found \(describe(current))")
        }
        return advance()
    }

    mutating func fail(_ message: String, at location: SourceLocation? = nil) -> Recovery {
        diagnostics.error(message, at: location ?? current.location)
        return Recovery()
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfFile: return "end of file"
        case .identifier: return "'\(token.text)'"
        case .integer: return "number '\(token.text)'"
        case .string: return "string literal"
        case .punct: return "'\(token.text)'"
        }
    }

    // MARK: Top level

    mutating func parseModel(header: LitmusHeader, comments: [TopLevelComment]) -> ModelSyntax {
        var model = ModelSyntax()
        model.comments = header.comments + comments
        model.name = header.name
        model.nameLocation = header.nameLocation
        model.description = header.description
        model.metadata = header.metadata
        if atEnd && model.name.isEmpty {
            if !diagnostics.hasErrors {
                diagnostics.error("empty model: expected 'C <name>' on the first line", at: current.location)
            }
            return model
        }
        var sawInitBlock = false
        while !atEnd && !diagnostics.isFull {
            do throws(Recovery) {
                if current.isPunct("{") {
                    if sawInitBlock {
                        throw fail("a model has one init block; this '{' starts a second one")
                    }
                    sawInitBlock = true
                    try parseInitBlock(into: &model)
                } else if isFinalClauseStart {
                    try parseFinalClauses(into: &model)
                } else if isAggregateDefinitionStart {
                    let decl = try parseAggregateDefinition()
                    _ = consume(";")
                    model.aggregates.append(decl)
                } else {
                    model.functions.append(try parseFunction())
                }
            } catch {
                skipToTopLevel()
            }
        }
        if !sawInitBlock && !diagnostics.hasErrors {
            diagnostics.error("expected an init block '{ ... }' after the model name", at: model.nameLocation)
        }
        return model
    }

    var isFinalClauseStart: Bool {
        if current.isPunct("~") && peek().isIdentifier("exists") { return true }
        guard current.isIdentifier else { return false }
        return ["exists", "forall", "filter", "locations", "final", "observed", "Observed"].contains(current.text)
            && !peek().isPunct("{") && !(peek().isIdentifier && !peek().isIdentifier("not") && peek(2).isPunct("("))
    }

    var isAggregateDefinitionStart: Bool {
        (current.isIdentifier("struct") || current.isIdentifier("union"))
            && ((peek().isIdentifier && peek(2).isPunct("{")) || peek().isPunct("{"))
    }

    /// Skips to the next token that can start a top-level item.
    mutating func skipToTopLevel() {
        var depth = 0
        var skipped = false
        while !atEnd {
            if current.isPunct("{") { depth += 1 }
            if current.isPunct("}") {
                depth -= 1
                advance()
                if depth <= 0 { return }
                continue
            }
            if depth == 0 && skipped && current.location.column == 1 && (current.isIdentifier || current.isPunct("~")) { return }
            advance()
            skipped = true
        }
    }

    /// Skips the rest of a statement after an error inside a body.
    mutating func skipStatement() {
        var depth = 0
        while !atEnd {
            if current.isPunct("{") { depth += 1 }
            if current.isPunct("}") {
                if depth == 0 { return }
                depth -= 1
                if depth == 0 { advance(); return }
            }
            if current.isPunct(";") && depth == 0 { advance(); return }
            advance()
        }
    }

    // MARK: Init block

    /// herd7's init entries (`x=1;`, `x=y;`, `int *p = &x;`, `*p = 1;`,
    /// `0:r1=x;`, `P0:r1=x;`, the last `;` optional) and Grace's C
    /// declarations and struct definitions, which herd7 does not read:
    /// multi-word and kernel types, `int **pp = &p;`, `p=&x;`, several
    /// declarators, constant expressions, `{ ... }` initialisers.
    mutating func parseInitBlock(into model: inout ModelSyntax) throws(Recovery) {
        try expect("{", "to open the init block")
        while !current.isPunct("}") && !atEnd {
            do throws(Recovery) {
                if consume(";") { continue }
                if isAggregateDefinitionStart {
                    model.aggregates.append(try parseAggregateDefinition())
                    try expect(";", "after a struct definition")
                } else if isThreadPrefix {
                    let prefix = current.text
                    let thread = try parseThreadPrefix()
                    let name = try expectIdentifier("a register name after '\(prefix):'")
                    try expect("=", "in a register initialisation")
                    let value = try parseAssignment()
                    model.initEntries.append(.register(thread: thread, decl: VariableDecl(name: name.text, type: nil, initializer: value, location: name.location)))
                    try expectInitEntryEnd()
                } else if isTypeStart {
                    for decl in try parseDeclaration(closingBraceEnds: true) { model.initEntries.append(.object(decl)) }
                } else {
                    // herd7's `*p = v;` declares p a pointer.
                    let isPointer = consume("*")
                    let name = try expectIdentifier("a shared variable in the init block")
                    let type = isPointer ? TypeName(base: .scalar("int"), pointerDepth: 1, location: name.location) : nil
                    var initializer: Expression?
                    if consume("=") { initializer = try parseAssignment() }
                    model.initEntries.append(.object(VariableDecl(name: name.text, type: type, initializer: initializer, location: name.location)))
                    try expectInitEntryEnd()
                }
            } catch {
                while !atEnd && !current.isPunct(";") && !current.isPunct("}") { advance() }
                _ = consume(";")
            }
        }
        try expect("}", "to close the init block")
    }

    /// `;` after an init entry; the last one before `}` may go without.
    private mutating func expectInitEntryEnd() throws(Recovery) {
        if !current.isPunct("}") { try expect(";", "after an initialisation") }
    }

    // MARK: Functions and threads

    mutating func parseFunction() throws(Recovery) -> FunctionDecl {
        var threadIndex: Int?
        var returnType = TypeName(base: .scalar("void"), location: current.location)
        var isThreadSyntax = false
        if current.isIdentifier, let number = Self.threadNumber(current.text), peek().isPunct("(") {
            threadIndex = number
            isThreadSyntax = true
        } else {
            while current.isIdentifier("static") || current.isIdentifier("inline") || current.isIdentifier("noinline") {
                advance()
            }
            guard isTypeStart else {
                throw fail("expected a thread 'P0(...)', a function, or a final condition, found \(describe(current))")
            }
            returnType = try parseTypeSpecifier()
            while consume("*") { returnType.pointerDepth += 1 }
        }
        let nameToken = try expectIdentifier("a function name")
        if !isThreadSyntax, let number = Self.threadNumber(nameToken.text) { threadIndex = number }
        try expect("(", "after the function name")
        var parameters: [VariableDecl] = []
        if current.isIdentifier("void") && peek().isPunct(")") { advance() }
        while !current.isPunct(")") && !atEnd {
            let type = try parseTypeSpecifier()
            let declarator = try parseDeclarator(base: type, requireName: false)
            parameters.append(declarator)
            if !consume(",") { break }
        }
        try expect(")", "to close the parameter list")
        guard current.isPunct("{") else {
            throw fail("expected '{' to start the body of '\(nameToken.text)', found \(describe(current))")
        }
        let body = parseBlock()
        return FunctionDecl(name: nameToken.text, returnType: returnType, parameters: parameters, body: body,
                            location: nameToken.location, threadIndex: threadIndex)
    }

    static func threadNumber(_ name: String) -> Int? {
        guard name.count >= 2, name.first == "P", name.dropFirst().allSatisfy(\.isNumber) else { return nil }
        return Int(name.dropFirst())
    }
}

extension String {
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
