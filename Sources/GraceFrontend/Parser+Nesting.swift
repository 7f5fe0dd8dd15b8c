/// The nesting limit (`LanguageLimits.nesting`), enforced while the tree is
/// built: the parser's own recursion stops at the limit, and so does every
/// tree a loop builds (`1 + 1 + ...`, `a[0][0]...`, `x /\ y /\ ...`), so the
/// passes after it recurse over trees that are never deeper than the limit.
extension Parser {
    /// Parses one level deeper, or rejects the model when that level is past the limit.
    mutating func nested<Result>(_ parse: (inout Parser) throws -> Result) throws(Recovery) -> Result {
        guard nesting < LanguageLimits.nesting else { throw tooDeep(at: current.location) }
        nesting += 1
        defer { nesting -= 1 }
        do {
            return try parse(&self)
        } catch {
            // The closure's error type is not inferred as typed; it is always a Recovery.
            throw error as? Recovery ?? Recovery()
        }
    }

    /// Builds an expression node, or rejects the model when the node, below
    /// the levels it is parsed in, nests past the limit.
    mutating func node(_ kind: Expression.Kind, at location: SourceLocation) throws(Recovery) -> Expression {
        let expression = Expression(kind, at: location)
        try checkNesting(height: expression.height, at: location)
        return expression
    }

    mutating func checkNesting(height: Int, at location: SourceLocation) throws(Recovery) {
        guard nesting + height <= LanguageLimits.nesting else { throw tooDeep(at: location) }
    }

    private mutating func tooDeep(at location: SourceLocation) -> Recovery {
        fail("nesting too deep: expressions, statements and conditions nest at most \(LanguageLimits.nesting) levels", at: location)
    }
}
