/// The preprocessor's macros, expanded as C expands them: an object-like
/// macro where its name is used, a function-like one where its name is
/// followed by a parenthesised argument list, the arguments substituted for
/// the parameters and the result scanned again for macro uses. Every token
/// of an expansion is located at the use. A macro's body is expanded when
/// it is defined (the macros defined before it), as a model's macros are
/// defined before they are used.
extension Lexer {
    struct Macro {
        /// nil for an object-like macro.
        var parameters: [String]?
        /// `...` ends the parameter list: `__VA_ARGS__` takes what is left.
        var isVariadic = false
        var body: [Token]
    }

    /// Reads `#define NAME body` or `#define NAME(params) body` from the
    /// directive `line`.
    mutating func define(_ name: String, in line: String, at location: SourceLocation, _ diagnostics: inout DiagnosticEngine) {
        var rest = line.range(of: name).map { line[$0.upperBound...] } ?? ""
        var parameters: [String]?
        var isVariadic = false
        if rest.hasPrefix("(") {
            guard let close = rest.firstIndex(of: ")") else {
                diagnostics.error("the parameter list of macro '\(name)' has no ')'", at: location)
                return
            }
            var names = rest[rest.index(after: rest.startIndex)..<close].split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: [" ", "\t"]) }
            if names == [""] { names = [] }
            if names.last == "..." {
                isVariadic = true
                names.removeLast()
            }
            for parameter in names where parameter.isEmpty || !parameter.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) || parameter.first!.isNumber {
                diagnostics.error("'\(parameter)' is not a parameter name in macro '\(name)'", at: location)
                return
            }
            if Set(names).count != names.count {
                diagnostics.error("macro '\(name)' names a parameter twice", at: location)
                return
            }
            parameters = names
            rest = rest[rest.index(after: close)...]
        }
        if rest.contains("#") {
            diagnostics.error("macro '\(name)' uses the # or ## operator, which is not supported", at: location)
            return
        }
        var body = Lexer(file: SourceFile(path: file.path, text: String(rest)), expansionBudget: LanguageLimits.macroTokens)
        var bodyDiagnostics = DiagnosticEngine()
        body.macros = macros
        var expansion = body.tokenize(into: &bodyDiagnostics)
        expansion.removeLast()
        guard !bodyDiagnostics.hasErrors, expansion.count <= LanguageLimits.macroTokens else {
            let reason = bodyDiagnostics.diagnostics.first?.message ?? "it is longer than \(LanguageLimits.macroTokens) tokens"
            diagnostics.error("cannot read the value of macro '\(name)': \(reason)", at: location)
            return
        }
        if parameters != nil, let problem = Self.parenthesisProblem(in: expansion) {
            diagnostics.error("the body of macro '\(name)' has \(problem)", at: location)
            return
        }
        macros[name] = Macro(parameters: parameters, isVariadic: isVariadic, body: expansion)
    }

    /// A use of macro `name` in the source at `location`: its expansion, or
    /// the bare name for a function-like macro not followed by `(`.
    mutating func expandUse(of macro: Macro, named name: String, at location: SourceLocation, into tokens: inout [Token],
                            _ diagnostics: inout DiagnosticEngine) {
        guard macro.parameters != nil else {
            emit(macro.body, from: name, at: location, into: &tokens, &diagnostics)
            return
        }
        guard let parenthesis = openParenthesisAhead() else {
            tokens.append(Token(kind: .identifier, text: name, location: location))
            return
        }
        position = parenthesis + 1
        var argumentTokens: [Token] = [Token(kind: .punct, text: "(", location: location)]
        var depth = 1
        while depth > 0 {
            let before = argumentTokens.count
            guard lexNext(into: &argumentTokens, &diagnostics) else {
                diagnostics.error("the arguments of macro '\(name)' have no closing ')'", at: location)
                return
            }
            for token in argumentTokens[before...] where token.kind == .punct {
                if token.text == "(" { depth += 1 }
                if token.text == ")" { depth -= 1 }
            }
        }
        guard case .success(let (arguments, _)) = Self.arguments(of: argumentTokens, from: 0),
              let substituted = substitute(macro, named: name, arguments, at: location, &diagnostics) else {
            tokens.append(Self.placeholder(at: location))
            return
        }
        emit(substituted, from: name, at: location, into: &tokens, &diagnostics)
    }

    /// Where the `(` of a call starts, when only white space and comments
    /// stand between here and it.
    private func openParenthesisAhead() -> Int? {
        let bytes = file.bytes
        var index = position
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 32 || (9...13).contains(byte) {
                index += 1
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                while index < bytes.count, bytes[index] != 10 { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index += 2
            } else {
                return byte == UInt8(ascii: "(") ? index : nil
            }
        }
        return nil
    }

    /// Appends an expansion, located at the use, after expanding the macro
    /// uses it holds; `name` may not be expanded again inside it.
    private mutating func emit(_ expansion: [Token], from name: String, at location: SourceLocation, into tokens: inout [Token],
                               _ diagnostics: inout DiagnosticEngine) {
        guard let expanded = rescan(expansion, expanding: [name], at: location, &diagnostics) else {
            tokens.append(Self.placeholder(at: location))
            return
        }
        expansionBudget -= expanded.count
        guard expansionBudget >= 0 else {
            diagnostics.error("macros expand to too many tokens here; at most \(LanguageLimits.expandedTokens) in a model and \(LanguageLimits.macroTokens) in one #define", at: location)
            position = file.bytes.count
            return
        }
        tokens += expanded.map { Token(kind: $0.kind, text: $0.text, location: location) }
    }

    /// What a use that could not be expanded leaves, so that the parser goes
    /// on without an error of its own: the expression 0.
    private static func placeholder(at location: SourceLocation) -> Token {
        Token(kind: .integer(0), text: "0", location: location)
    }

    /// The tokens with the function-like macro uses in them expanded. A
    /// macro being expanded (`expanding`) that is called again inside its
    /// own expansion is recursion, an error; an object-like macro's name in
    /// its own expansion stays a name, as C leaves it (`#define foo foo`).
    private mutating func rescan(_ tokens: [Token], expanding: Set<String>, at location: SourceLocation,
                                 _ diagnostics: inout DiagnosticEngine) -> [Token]? {
        var result: [Token] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            guard token.kind == .identifier, let macro = macros[token.text], macro.parameters != nil,
                  index < tokens.count, tokens[index].isPunct("(") else {
                result.append(token)
                continue
            }
            if expanding.contains(token.text) {
                diagnostics.error("macro '\(token.text)' expands to a use of itself; recursive macros are not supported", at: location)
                return nil
            }
            switch Self.arguments(of: tokens, from: index) {
            case .failure:
                diagnostics.error("the arguments of macro '\(token.text)' have no closing ')'", at: location)
                return nil
            case .success(let (arguments, end)):
                guard let substituted = substitute(macro, named: token.text, arguments, at: location, &diagnostics),
                      let expanded = rescan(substituted, expanding: expanding.union([token.text]), at: location, &diagnostics) else { return nil }
                guard expanded.count <= LanguageLimits.macroTokens * 16 else {
                    diagnostics.error("macros expand to too many tokens here; at most \(LanguageLimits.expandedTokens) in a model and \(LanguageLimits.macroTokens) in one #define", at: location)
                    return nil
                }
                result += expanded
                index = end
            }
        }
        return result
    }

    /// The body with each parameter replaced by its argument's tokens.
    private func substitute(_ macro: Macro, named name: String, _ arguments: [[Token]], at location: SourceLocation,
                            _ diagnostics: inout DiagnosticEngine) -> [Token]? {
        let parameters = macro.parameters ?? []
        var arguments = arguments
        if parameters.isEmpty, !macro.isVariadic, arguments == [[]] { arguments = [] }
        let fixed = parameters.count
        guard macro.isVariadic ? arguments.count >= fixed : arguments.count == fixed else {
            let expected = macro.isVariadic ? "at least \(fixed)" : "\(fixed)"
            diagnostics.error("macro '\(name)' takes \(expected) argument\(fixed == 1 ? "" : "s"), not \(arguments.count)", at: location)
            return nil
        }
        var variadic: [Token] = []
        for (position, argument) in arguments.dropFirst(fixed).enumerated() {
            if position > 0 { variadic.append(Token(kind: .punct, text: ",", location: location)) }
            variadic += argument
        }
        var result: [Token] = []
        for token in macro.body {
            if token.kind == .identifier, let position = parameters.firstIndex(of: token.text) {
                result += arguments[position]
            } else if macro.isVariadic, token.isIdentifier("__VA_ARGS__") {
                result += variadic
            } else {
                result.append(token)
            }
        }
        return result
    }

    /// The arguments of a call whose `(` is at `start`, split at the commas
    /// outside nested parentheses, and the index after its `)`.
    private static func arguments(of tokens: [Token], from start: Int) -> Result<([[Token]], Int), MacroError> {
        var arguments: [[Token]] = [[]]
        var depth = 0
        var index = start
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token.isPunct("(") {
                depth += 1
                if depth == 1 { continue }
            } else if token.isPunct(")") {
                depth -= 1
                if depth == 0 { return .success((arguments, index)) }
            } else if token.isPunct(","), depth == 1 {
                arguments.append([])
                continue
            }
            arguments[arguments.count - 1].append(token)
        }
        return .failure(.unbalanced)
    }

    enum MacroError: Error {
        case unbalanced
    }

    /// What is wrong with a body's parentheses, if anything.
    private static func parenthesisProblem(in tokens: [Token]) -> String? {
        var depth = 0
        for token in tokens where token.kind == .punct {
            if token.text == "(" { depth += 1 }
            if token.text == ")" { depth -= 1 }
            if depth < 0 { return "a ')' that closes nothing" }
        }
        return depth > 0 ? "a '(' that is never closed" : nil
    }
}
