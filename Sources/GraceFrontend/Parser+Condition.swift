/// The final clauses, in herd7's grammar for C tests (herdtools7
/// lib/stateParser.mly): an optional `locations [...]`, an optional
/// `filter`, then the condition (`exists`, `~exists`, `forall`, `final`,
/// `observed`) and an optional `with` list, in that order, ending the file.
/// herd7 rejects the rest and so does Grace: `&` before a name, `- 1` or
/// `-0x1` for a negative number, clauses out of order or twice, code after
/// them, `not exists`. Grace's own additions: `!` for `~`, field paths and
/// indices (`mm.mm_count`, `pt.contents[2]`), numbers past 32 bits.
extension Parser {
    mutating func parseFinalClauses(into model: inout ModelSyntax) throws(Recovery) {
        if current.isIdentifier("locations") {
            advance()
            try parseLocationsList(into: &model)
        }
        if current.isIdentifier("filter") {
            advance()
            model.filter = try parseProposition()
        }
        let location = current.location
        if consume("~") {
            guard current.isIdentifier("exists") else { throw fail("expected 'exists' after '~', found \(describe(current))") }
            advance()
            model.condition = FinalCondition(quantifier: .notExists, proposition: try parseProposition(), location: location)
        } else if current.isIdentifier("exists") || current.isIdentifier("final") {
            advance()
            model.condition = FinalCondition(quantifier: .exists, proposition: try parseProposition(), location: location)
        } else if current.isIdentifier("forall") {
            advance()
            model.condition = FinalCondition(quantifier: .forall, proposition: try parseProposition(), location: location)
        } else if current.isIdentifier("observed") || current.isIdentifier("Observed") {
            advance()
            model.condition = FinalCondition(quantifier: .exists, proposition: try parseObserved(), location: location)
        }
        if model.condition != nil {
            _ = consume(";")
            if current.isIdentifier("with") {
                advance()
                try parseTestKinds()
            }
        }
        guard atEnd else {
            let what = isFinalClauseStart
                ? "'\(current.text)' is out of place: the final clauses come in the order locations, filter, then the condition, once each"
                : "expected the end of the test after its final clauses, found \(describe(current))"
            throw fail(what)
        }
    }

    /// `locations [x; 0:r1; y int*;]`: what herd7 also prints; a type may
    /// follow each location and is not needed here.
    private mutating func parseLocationsList(into model: inout ModelSyntax) throws(Recovery) {
        try expect("[", "after 'locations'")
        while !current.isPunct("]") && !atEnd {
            model.locations.append(try parsePropositionLocation())
            if current.isIdentifier { advance() }
            _ = consume("*")
            if !consume(";") { break }
        }
        try expect("]", "to close 'locations'")
    }

    /// `observed a; b; and c;`: some state has a and b, or c.
    private mutating func parseObserved() throws(Recovery) -> Proposition {
        var alternatives: [Proposition] = []
        var atoms: [Proposition] = []
        while !atEnd && !current.isIdentifier("with") {
            if current.isIdentifier("and") {
                advance()
                alternatives.append(atoms.reduce(.constant(true)) { .and($0, $1) })
                atoms = []
                continue
            }
            atoms.append(try parseComparison())
            try expect(";", "after each state of 'observed'")
        }
        alternatives.append(atoms.reduce(.constant(true)) { .and($0, $1) })
        return alternatives.dropFirst().reduce(alternatives[0]) { .or($0, $1) }
    }

    /// `with name: exists; name: ~exists; name: forall`: herd7's per-model
    /// test kinds, which say how to read the result and change no outcome.
    private mutating func parseTestKinds() throws(Recovery) {
        repeat {
            _ = try expectIdentifier("a test kind's name after 'with'")
            try expect(":", "after a test kind's name")
            _ = consume("~")
            guard current.isIdentifier("exists") || current.isIdentifier("forall") else {
                throw fail("expected 'exists', '~exists' or 'forall' in a test kind, found \(describe(current))")
            }
            advance()
        } while consume(";") && current.isIdentifier
    }

    // MARK: Propositions

    mutating func parseProposition() throws(Recovery) -> Proposition {
        try parseChain("\\/", operand: { parser throws(Recovery) in try parser.parseConjunction() }, combine: Proposition.or)
    }

    private mutating func parseConjunction() throws(Recovery) -> Proposition {
        try parseChain("/\\", operand: { parser throws(Recovery) in try parser.parseImplication() }, combine: Proposition.and)
    }

    /// A left-associative chain `a op b op c`, whose height counts against the
    /// nesting limit like any other nesting: a long chain is a deep tree.
    private mutating func parseChain(_ op: String, operand: (inout Parser) throws(Recovery) -> Proposition,
                                     combine: (Proposition, Proposition) -> Proposition) throws(Recovery) -> Proposition {
        var left = try operand(&self)
        var height = left.height
        while current.isPunct(op) {
            let location = advance().location
            let right = try operand(&self)
            left = combine(left, right)
            height = max(height, right.height) + 1
            try checkNesting(height: height, at: location)
        }
        return left
    }

    /// `=>` binds tighter than `/\` and `\/`, looser than `~`, and to the right, as in herd7.
    private mutating func parseImplication() throws(Recovery) -> Proposition {
        let premise = try parsePropositionUnary()
        guard isAdjacentPair("=", ">") else { return premise }
        advance()
        advance()
        return .or(.not(premise), try nested { try $0.parseImplication() })
    }

    private mutating func parsePropositionUnary() throws(Recovery) -> Proposition {
        if consume("~") || consume("!") { return .not(try nested { try $0.parsePropositionUnary() }) }
        if current.isIdentifier("not") {
            advance()
            return .not(try nested { try $0.parsePropositionUnary() })
        }
        if consume("(") {
            let inner = try nested { try $0.parseProposition() }
            try expect(")", "to close a parenthesis in the condition")
            return inner
        }
        if current.isIdentifier("true") { advance(); return .constant(true) }
        if current.isIdentifier("false") { advance(); return .constant(false) }
        return try parseComparison()
    }

    /// `loc = value`, `loc != value` (also `==`, `<>`), where the value is a
    /// number, a location's name (its address), or another location's
    /// value (`1:r2`, `*y`, `[y]`).
    private mutating func parseComparison() throws(Recovery) -> Proposition {
        let location = try parsePropositionLocation(allowBrackets: true)
        var equal = true
        if consume("!=") {
            equal = false
        } else if isAdjacentPair("<", ">") {
            advance()
            advance()
            equal = false
        } else if !consume("==") && !consume("=") {
            throw fail("expected '=' or '!=' after '\(location.name)' in the condition, found \(describe(current))")
        }
        return .compare(location, equal: equal, try parsePropositionValue())
    }

    /// Whether the next two tokens are `first` and `second` with nothing
    /// between them: herd7's `=>` and `<>`, which C has no token for.
    private func isAdjacentPair(_ first: String, _ second: String) -> Bool {
        current.isPunct(first) && peek().isPunct(second) && peek().location.offset == current.location.offset + 1
    }

    var isThreadPrefix: Bool {
        if case .integer = current.kind, peek().isPunct(":") { return true }
        return current.isIdentifier && Self.threadNumber(current.text) != nil && peek().isPunct(":")
    }

    /// `0:` or `P0:` before a register, the thread number range-checked.
    mutating func parseThreadPrefix() throws(Recovery) -> Int {
        let token = current
        let thread: Int
        if case .integer = token.kind {
            thread = try literal(advance(), in: 0...(LanguageLimits.threads - 1), as: "thread number")
        } else {
            advance()
            guard let number = Self.threadNumber(token.text), number < LanguageLimits.threads else {
                throw fail("thread \(token.text) is out of range; threads are P0 to P\(LanguageLimits.threads - 1)", at: token.location)
            }
            thread = number
        }
        try expect(":", "after a thread number")
        return thread
    }

    /// `x`, `0:r0`, `P0:r0`, `[x]`, `x[1]`, `mm.mm_count`, `pt.contents[2]`.
    mutating func parsePropositionLocation(allowBrackets: Bool = false) throws(Recovery) -> PropositionLocation {
        let location = current.location
        if allowBrackets && consume("[") {
            let name = try expectIdentifier("a shared location in '[...]'")
            try expect("]", "to close '[\(name.text)'")
            return PropositionLocation(thread: nil, name: name.text, location: location)
        }
        var thread: Int?
        if isThreadPrefix {
            thread = try parseThreadPrefix()
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
        let start = current.location
        if current.isPunct("-") {
            advance()
            guard case .integer = current.kind, current.location.offset == start.offset + 1,
                  !current.text.lowercased().hasPrefix("0x") else {
                throw fail("expected a decimal number right after '-', as in 'x=-1'", at: start)
            }
            return .integer(try negated(advance()))
        }
        if current.isPunct("[") || isThreadPrefix {
            return .location(try parsePropositionLocation(allowBrackets: true))
        }
        if case .integer(let value) = current.kind {
            advance()
            return .integer(value)
        }
        if current.isPunct("*") {
            advance()
            return .location(try parsePropositionLocation())
        }
        if current.isPunct("&") {
            throw fail("herd7 writes an address without '&': 'p=x' compares p with the address of x")
        }
        let name = try expectIdentifier("a value (a number, a location's name, or thread:register)")
        guard consume("[") else { return .name(name.text, name.location) }
        let index = try literal(advance(), in: 0...(LanguageLimits.arrayBound - 1), as: "index")
        try expect("]", "to close an index")
        return .element(name.text, index: index, name.location)
    }
}
