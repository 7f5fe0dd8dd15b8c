/// A lexical token of the model language.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case identifier
        case integer(Int64)
        case string
        /// Punctuation and operators, spelled as in the source (`->`, `/\`, `<<=`).
        case punct
        case endOfFile
    }

    public var kind: Kind
    public var text: String
    public var location: SourceLocation

    func isPunct(_ spelling: String) -> Bool {
        kind == .punct && text == spelling
    }

    func isIdentifier(_ spelling: String) -> Bool {
        kind == .identifier && text == spelling
    }

    var isIdentifier: Bool { kind == .identifier }
}

/// A comment that stood at the top level of the file (outside every brace);
/// directive lines (`Expect:`, `Config:`, `Result:`) are read from these.
public struct TopLevelComment: Sendable {
    public var text: String
    public var location: SourceLocation
}
