/// Range checks of integer literals where the grammar, not an expression,
/// gives them a meaning: a literal that does not fit its use is a located
/// error, never a trap in a conversion further on.
extension Parser {
    /// A literal that numbers or indexes something (a thread, an array
    /// element), checked against `range`.
    mutating func literal(_ token: Token, in range: ClosedRange<Int>, as what: String) throws(Recovery) -> Int {
        guard case .integer(let value) = token.kind else { throw fail("expected \(what), found \(describe(token))", at: token.location) }
        let magnitude = UInt64(bitPattern: value)
        guard magnitude <= UInt64(range.upperBound), Int(magnitude) >= range.lowerBound else {
            throw fail("\(what) \(token.text) is out of range; it must be from \(range.lowerBound) to \(range.upperBound)", at: token.location)
        }
        return Int(magnitude)
    }

    /// `-literal` as a 64-bit value: magnitudes up to 2^63 fit.
    mutating func negated(_ token: Token) throws(Recovery) -> Int64 {
        guard case .integer(let value) = token.kind else { throw fail("expected a number after '-'", at: token.location) }
        guard UInt64(bitPattern: value) <= UInt64(1) << 63 else {
            throw fail("-\(token.text) does not fit in 64 bits", at: token.location)
        }
        return 0 &- value
    }
}
