extension Parser {
    /// `exists (...)`, `~exists (...)`, `forall (...)`, `filter (...)`, `locations [...]`.
    mutating func parseFinalClause(into model: inout ModelSyntax) throws(Recovery) {
        let location = current.location
        if consume("~") {
            advance()
            try setCondition(FinalCondition(quantifier: .notExists, proposition: try parseProposition(), location: location), into: &model)
            return
        }
        let keyword = advance().text
        switch keyword {
        case "exists":
            try setCondition(FinalCondition(quantifier: .exists, proposition: try parseProposition(), location: location), into: &model)
        case "forall":
            try setCondition(FinalCondition(quantifier: .forall, proposition: try parseProposition(), location: location), into: &model)
        case "filter":
            model.filter = try parseProposition()
        default:
            try expect("[", "after 'locations'")
            while !current.isPunct("]") && !atEnd {
                model.locations.append(try parsePropositionLocation())
                if !consume(";") { break }
            }
            try expect("]", "to close 'locations'")
        }
    }

    private mutating func setCondition(_ condition: FinalCondition, into model: inout ModelSyntax) throws(Recovery) {
        if model.condition != nil {
            throw fail("a model has at most one final condition", at: condition.location)
        }
        model.condition = condition
    }

    mutating func parseProposition() throws(Recovery) -> Proposition {
        var left = try parseConjunction()
        var height = left.height
        while current.isPunct("\\/") {
            let location = advance().location
            let right = try parseConjunction()
            left = .or(left, right)
            height = max(height, right.height) + 1
            try checkNesting(height: height, at: location)
        }
        return left
    }

    private mutating func parseConjunction() throws(Recovery) -> Proposition {
        var left = try parsePropositionUnary()
        var height = left.height
        while current.isPunct("/\\") {
            let location = advance().location
            let right = try parsePropositionUnary()
            left = .and(left, right)
            height = max(height, right.height) + 1
            try checkNesting(height: height, at: location)
        }
        return left
    }

    private mutating func parsePropositionUnary() throws(Recovery) -> Proposition {
        if consume("~") || consume("!") { return .not(try nested { try $0.parsePropositionUnary() }) }
        if consume("(") {
            let inner = try nested { try $0.parseProposition() }
            try expect(")", "to close a parenthesis in the condition")
            return inner
        }
        if current.isIdentifier("true") { advance(); return .constant(true) }
        if current.isIdentifier("false") { advance(); return .constant(false) }
        let location = try parsePropositionLocation()
        var equal = true
        if consume("!=") {
            equal = false
        } else if !consume("=") && !consume("==") {
            throw fail("expected '=' or '!=' after '\(location.name)' in the condition, found \(describe(current))")
        }
        return .compare(location, equal: equal, try parsePropositionValue())
    }

    mutating func parsePropositionLocation() throws(Recovery) -> PropositionLocation {
        let location = current.location
        var thread: Int?
        if case .integer = current.kind {
            thread = try literal(advance(), in: 0...(LanguageLimits.threads - 1), as: "thread number")
            try expect(":", "after a thread number")
        }
        let name = try expectIdentifier("a location (a shared variable or thread:register)")
        var path: [PropositionLocation.Component] = []
        while true {
            if consume("[") {
                guard case .integer = current.kind else { throw fail("expected an index") }
                path.append(.index(try literal(advance(), in: 0...(LanguageLimits.arrayBound - 1), as: "index")))
                try expect("]", "to close an index")
            } else if thread == nil, current.isPunct("."), peek().isIdentifier {
                advance()
                path.append(.field(advance().text))
            } else {
                break
            }
        }
        return PropositionLocation(thread: thread, name: name.text, path: path, location: location)
    }

    private mutating func parsePropositionValue() throws(Recovery) -> PropositionValue {
        let negative = consume("-")
        if case .integer(let value) = current.kind {
            let token = advance()
            return .integer(negative ? try negated(token) : value)
        }
        guard !negative else { throw fail("expected a number after '-'") }
        let name = try expectIdentifier("a value (a number or a shared variable's name)")
        return .name(name.text, name.location)
    }
}
