extension Parser {
    enum MacroArgumentShape { case expression, type, member }

    static let binaryPrecedence: [String: Int] = [
        "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5,
        "==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7,
        "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10,
    ]

    static let assignmentOperators: Set<String> = ["=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="]

    mutating func parseExpression() throws(Recovery) -> Expression {
        try parseAssignment()
    }

    mutating func parseAssignment() throws(Recovery) -> Expression {
        let left = try parseConditional()
        if current.kind == .punct, Self.assignmentOperators.contains(current.text) {
            let op = advance()
            let right = try nested { try $0.parseAssignment() }
            return try node(.assign(op.text, left, right), at: op.location)
        }
        return left
    }

    mutating func parseConditional() throws(Recovery) -> Expression {
        let condition = try parseBinary(minimumPrecedence: 1)
        guard current.isPunct("?") else { return condition }
        let location = advance().location
        let then = try nested { try $0.parseAssignment() }
        try expect(":", "in a conditional expression")
        let otherwise = try nested { try $0.parseConditional() }
        return try node(.conditional(condition, then, otherwise), at: location)
    }

    mutating func parseBinary(minimumPrecedence: Int) throws(Recovery) -> Expression {
        var left = try parseUnary()
        while current.kind == .punct, let precedence = Self.binaryPrecedence[current.text], precedence >= minimumPrecedence {
            let op = advance()
            let right = try parseBinary(minimumPrecedence: precedence + 1)
            left = try node(.binary(op.text, left, right), at: op.location)
        }
        return left
    }

    mutating func parseUnary() throws(Recovery) -> Expression {
        let location = current.location
        if current.kind == .punct, ["!", "~", "-", "+", "*", "&", "++", "--"].contains(current.text) {
            let op = advance().text
            let operand = try nested { try $0.parseUnary() }
            return try node(.unary(op, operand), at: location)
        }
        if current.isIdentifier("sizeof") {
            advance()
            if current.isPunct("("), isTypeStartAt(index + 1) {
                advance()
                var type = try parseTypeSpecifier()
                while consume("*") { type.pointerDepth += 1 }
                try expect(")", "to close sizeof")
                return try node(.sizeOf(type), at: location)
            }
            let operand = try nested { try $0.parseUnary() }
            return try node(.unary("sizeof", operand), at: location)
        }
        if current.isPunct("("), isTypeStartAt(index + 1) {
            advance()
            var type = try parseTypeSpecifier()
            while consume("*") { type.pointerDepth += 1 }
            try expect(")", "to close a cast")
            let operand = try nested { try $0.parseUnary() }
            return try node(.cast(type, operand), at: location)
        }
        return try parsePostfix()
    }

    func isTypeStartAt(_ position: Int) -> Bool {
        let token = tokens[min(position, tokens.count - 1)]
        guard token.isIdentifier else { return false }
        return Self.scalarTypeNames.contains(token.text) || token.text == "struct" || token.text == "union"
            || Self.qualifiers.contains(token.text)
    }

    mutating func parsePostfix() throws(Recovery) -> Expression {
        var expression = try parsePrimary()
        while true {
            let location = current.location
            if consume("[") {
                let subscriptExpression = try nested { try $0.parseExpression() }
                try expect("]", "to close a subscript")
                expression = try node(.index(expression, subscriptExpression), at: location)
            } else if current.isPunct(".") || current.isPunct("->") {
                let arrow = advance().text == "->"
                let field = try expectIdentifier("a field name")
                expression = try node(.member(expression, field.text, arrow: arrow), at: field.location)
            } else if current.isPunct("++") || current.isPunct("--") {
                expression = try node(.postfix(advance().text, expression), at: location)
            } else if current.isPunct("(") {
                throw fail("only named functions and primitives can be called")
            } else {
                return expression
            }
        }
    }

    mutating func parsePrimary() throws(Recovery) -> Expression {
        let token = current
        switch token.kind {
        case .integer(let value):
            advance()
            let literal = try node(.integer(value), at: token.location)
            guard let name = Self.literalType(token.text, value) else { return literal }
            return try node(.cast(TypeName(base: .scalar(name), location: token.location), literal), at: token.location)
        case .string:
            advance()
            return try node(.string(token.text), at: token.location)
        case .identifier:
            advance()
            if current.isPunct("(") { return try parseCall(name: token) }
            return try node(.identifier(token.text), at: token.location)
        case .punct where token.text == "(":
            advance()
            let inner = try nested { try $0.parseExpression() }
            try expect(")", "to close a parenthesis")
            return inner
        default:
            throw fail("expected an expression, found \(describe(token))")
        }
    }

    /// The type C gives an integer literal (C11 6.4.4.1) when it is not the
    /// int or long its value alone gives: `1UL << 40` is an unsigned long
    /// shift, `0x80000000` an unsigned int, `1L` a long. nil for the others.
    static func literalType(_ spelling: String, _ value: Int64) -> String? {
        guard !spelling.hasPrefix("'") else { return nil }
        let suffix = String(spelling.reversed().prefix { "uUlL".contains($0) }).lowercased()
        let isDecimal = !spelling.hasPrefix("0") || spelling.count - suffix.count == 1
        let magnitude = UInt64(bitPattern: value)
        let fitsInt = magnitude <= UInt64(Int32.max)
        let fitsUnsignedInt = magnitude <= UInt64(UInt32.max)
        let fitsLong = magnitude <= UInt64(Int64.max)
        let type: String
        switch (suffix.contains("u"), suffix.contains("l")) {
        case (true, true): type = "unsigned long"
        case (true, false): type = fitsUnsignedInt ? "unsigned int" : "unsigned long"
        case (false, true): type = fitsLong ? "long" : "unsigned long"
        case (false, false):
            if fitsInt { type = "int" }
            else if !isDecimal && fitsUnsignedInt { type = "unsigned int" }
            else { type = fitsLong ? "long" : "unsigned long" }
        }
        switch type {
        case "int": return nil
        case "long": return fitsInt ? type : nil
        default: return type
        }
    }

    mutating func parseCall(name: Token) throws(Recovery) -> Expression {
        try expect("(", "to open an argument list")
        var arguments: [CallArgument] = []
        let shapes = PrimitiveCatalogue.macroArgumentShapes(of: name.text)
        var position = 0
        while !current.isPunct(")") && !atEnd {
            let shape = shapes.flatMap { position < $0.count ? $0[position] : nil } ?? .expression
            switch shape {
            case .expression:
                arguments.append(.expression(try nested { try $0.parseAssignment() }))
            case .type:
                var type = try parseTypeSpecifier()
                while consume("*") { type.pointerDepth += 1 }
                arguments.append(.type(type))
            case .member:
                let location = current.location
                var path = [try expectIdentifier("a member name").text]
                while consume(".") { path.append(try expectIdentifier("a member name").text) }
                arguments.append(.member(path, location))
            }
            position += 1
            if !consume(",") { break }
        }
        try expect(")", "to close the arguments of '\(name.text)'")
        return try node(.call(name.text, arguments), at: name.location)
    }
}
