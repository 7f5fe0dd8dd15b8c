extension Parser {
    /// Parses `{ ... }`, recovering statement by statement.
    mutating func parseBlock() -> Statement {
        let location = current.location
        _ = consume("{")
        var statements: [Statement] = []
        while !current.isPunct("}") && !atEnd && !diagnostics.isFull {
            let before = index
            do throws(Recovery) {
                statements.append(try nested { try $0.parseStatement() })
            } catch {
                skipStatement()
                if index == before { advance() }
            }
        }
        if !consume("}") {
            diagnostics.error("expected '}' to close the block opened here", at: location)
        }
        return Statement(.block(statements), at: location)
    }

    mutating func parseStatement() throws(Recovery) -> Statement {
        let location = current.location
        if current.isPunct("{") { return parseBlock() }
        if consume(";") { return Statement(.empty, at: location) }
        if isTypeStart { return Statement(.declaration(try parseDeclaration()), at: location) }
        if current.isIdentifier {
            switch current.text {
            case "if":
                advance()
                let condition = try parseParenthesizedCondition("if")
                let then = try nested { try $0.parseStatement() }
                var otherwise: Statement?
                if current.isIdentifier("else") {
                    advance()
                    otherwise = try nested { try $0.parseStatement() }
                }
                return Statement(.ifElse(condition, then, otherwise), at: location)
            case "while":
                advance()
                let condition = try parseParenthesizedCondition("while")
                return Statement(.whileLoop(condition, try nested { try $0.parseStatement() }), at: location)
            case "do":
                advance()
                let body = try nested { try $0.parseStatement() }
                guard current.isIdentifier("while") else { throw fail("expected 'while' after a do body, found \(describe(current))") }
                advance()
                let condition = try parseParenthesizedCondition("do-while")
                try expect(";", "after do-while")
                return Statement(.doWhile(body, condition), at: location)
            case "for":
                return try parseFor()
            case "switch":
                advance()
                let value = try parseParenthesizedCondition("switch")
                return Statement(.switchStatement(value, try nested { try $0.parseStatement() }), at: location)
            case "case":
                advance()
                let value = try parseExpression()
                try expect(":", "after the case value")
                return Statement(.caseLabel(value), at: location)
            case "default" where peek().isPunct(":"):
                advance()
                advance()
                return Statement(.defaultLabel, at: location)
            case "break":
                advance()
                try expect(";", "after 'break'")
                return Statement(.breakStatement, at: location)
            case "continue":
                advance()
                try expect(";", "after 'continue'")
                return Statement(.continueStatement, at: location)
            case "return":
                advance()
                var value: Expression?
                if !current.isPunct(";") { value = try parseExpression() }
                try expect(";", "after 'return'")
                return Statement(.returnStatement(value), at: location)
            case "goto":
                throw fail("'goto' is not part of the model language; use loops, break and continue")
            case let keyword where ListWalk.Kind(rawValue: keyword) != nil && peek().isPunct("("):
                return try parseListForEachEntry(ListWalk.Kind(rawValue: keyword)!)
            default:
                break
            }
        }
        let expression = try parseExpression()
        try expect(";", "after an expression")
        return Statement(.expression(expression), at: location)
    }

    private mutating func parseParenthesizedCondition(_ keyword: String) throws(Recovery) -> Expression {
        try expect("(", "after '\(keyword)'")
        let condition = try parseExpression()
        try expect(")", "to close the '\(keyword)' condition")
        return condition
    }

    private mutating func parseFor() throws(Recovery) -> Statement {
        let location = advance().location
        try expect("(", "after 'for'")
        var initial: Statement?
        if isTypeStart {
            initial = Statement(.declaration(try parseDeclaration()), at: current.location)
        } else if !consume(";") {
            let expressionLocation = current.location
            initial = Statement(.expression(try parseExpression()), at: expressionLocation)
            try expect(";", "after the for initialiser")
        }
        var condition: Expression?
        if !current.isPunct(";") { condition = try parseExpression() }
        try expect(";", "after the for condition")
        var step: Expression?
        if !current.isPunct(")") { step = try parseExpression() }
        try expect(")", "to close the for header")
        return Statement(.forLoop(initial: initial, condition: condition, step: step, body: try nested { try $0.parseStatement() }), at: location)
    }

    /// `list_for_each_entry(pos, head, member)` and its kin: the _safe form
    /// takes a second cursor after pos, the _rcu forms an optional lockdep
    /// condition after member, which is not evaluated.
    private mutating func parseListForEachEntry(_ kind: ListWalk.Kind) throws(Recovery) -> Statement {
        let location = advance().location
        try expect("(", "after '\(kind.rawValue)'")
        let cursor = try expectIdentifier("the cursor variable of \(kind.rawValue)")
        try expect(",", "after the cursor")
        var next: String?
        if kind == .listSafe {
            next = try expectIdentifier("the second cursor variable of \(kind.rawValue)").text
            try expect(",", "after the second cursor")
        }
        let head = try parseAssignment()
        try expect(",", "after the list head")
        var member = [try expectIdentifier("the \(kind.isHList ? "hlist_node" : "list_head") member name").text]
        while consume(".") { member.append(try expectIdentifier("a member name").text) }
        if kind.isRCU, consume(",") { _ = try parseAssignment() }
        try expect(")", "to close \(kind.rawValue)")
        let body = try nested { try $0.parseStatement() }
        return Statement(.listForEachEntry(ListWalk(kind: kind, cursor: cursor.text, next: next), head: head, member: member, body: body), at: location)
    }
}
