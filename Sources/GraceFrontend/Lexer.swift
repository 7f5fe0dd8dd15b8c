/// Splits a model file into tokens. Errors are recorded and lexing goes on,
/// so one bad character does not hide the parse errors after it.
struct Lexer {
    let file: SourceFile
    var position = 0
    private var braceDepth = 0
    private(set) var comments: [TopLevelComment] = []
    /// `#define NAME tokens` and `#define NAME(params) tokens`, expanded
    /// where NAME is used (see Lexer+Macros.swift).
    var macros: [String: Macro] = [:]
    /// Tokens macro uses may still add: a file's uses together, or one
    /// macro's body, are bounded so that nesting macros cannot blow up.
    var expansionBudget: Int

    /// A lexer for `file`'s text from byte `start` on (after a litmus header).
    init(file: SourceFile, start: Int = 0, expansionBudget: Int = LanguageLimits.expandedTokens) {
        self.file = file
        self.position = start
        self.expansionBudget = expansionBudget
    }

    private static let punctuators: [String] = [
        "<<=", ">>=", "...",
        "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "/\\", "\\/",
        "(", ")", "{", "}", "[", "]", ";", ",", ".", "+", "-", "*", "/", "%",
        "&", "|", "^", "~", "!", "<", ">", "?", ":", "=",
    ].sorted { $0.count > $1.count }

    private static let punctuatorBytes: [[UInt8]] = punctuators.map { Array($0.utf8) }

    mutating func tokenize(into diagnostics: inout DiagnosticEngine) -> [Token] {
        var tokens: [Token] = []
        while lexNext(into: &tokens, &diagnostics) {}
        tokens.append(Token(kind: .endOfFile, text: "", location: file.location(of: file.bytes.count)))
        return tokens
    }

    /// Lexes the next token, or the tokens a macro use there expands to,
    /// onto `tokens`; false at the end of the text.
    mutating func lexNext(into tokens: inout [Token], _ diagnostics: inout DiagnosticEngine) -> Bool {
        let bytes = file.bytes
        skipTrivia(&diagnostics)
        guard position < bytes.count else { return false }
        let start = position
        let byte = bytes[position]
        if Self.isIdentifierStart(byte) {
            while position < bytes.count, Self.isIdentifierContinue(bytes[position]) { position += 1 }
            let name = text(start, position)
            if let macro = macros[name] {
                expandUse(of: macro, named: name, at: file.location(of: start), into: &tokens, &diagnostics)
                return true
            }
            tokens.append(Token(kind: .identifier, text: name, location: file.location(of: start)))
        } else if Self.isDigit(byte) {
            tokens.append(lexNumber(start: start, into: &diagnostics))
        } else if byte == UInt8(ascii: "\"") {
            position += 1
            while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\n") {
                if bytes[position] == UInt8(ascii: "\\") { position += 1 }
                position += 1
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                position += 1
            } else {
                diagnostics.error("unterminated string literal", at: file.location(of: start))
            }
            tokens.append(Token(kind: .string, text: text(start, min(position, bytes.count)), location: file.location(of: start)))
        } else if byte == UInt8(ascii: "'") {
            tokens.append(lexCharacter(start: start, into: &diagnostics))
        } else if let length = matchPunctuator() {
            position += length
            let spelling = text(start, position)
            if spelling == "{" { braceDepth += 1 }
            if spelling == "}" { braceDepth = max(0, braceDepth - 1) }
            tokens.append(Token(kind: .punct, text: spelling, location: file.location(of: start)))
        } else {
            let shown = (byte >= 32 && byte < 127) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
            diagnostics.error("unexpected character \(shown)", at: file.location(of: start))
            position += 1
            // A run of garbage is one problem, not thousands.
            while position < bytes.count, !Self.isPlausibleSource(bytes[position]) { position += 1 }
        }
        return true
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: file.bytes[start..<end], as: UTF8.self)
    }

    private func matchPunctuator() -> Int? {
        let bytes = file.bytes
        for candidate in Self.punctuatorBytes {
            let end = position + candidate.count
            guard end <= bytes.count else { continue }
            if bytes[position..<end].elementsEqual(candidate) { return candidate.count }
        }
        return nil
    }

    mutating func skipTrivia(_ diagnostics: inout DiagnosticEngine) {
        let bytes = file.bytes
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12 || byte == 11 {
                position += 1
            } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                while position < bytes.count, bytes[position] != 10 { position += 1 }
            } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                skipBlockComment(open: "/*", close: [UInt8(ascii: "*"), UInt8(ascii: "/")], &diagnostics)
            } else if byte == UInt8(ascii: "("), braceDepth == 0, position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                // herd7 comments; inside code `(*p)` is a dereference, so only at the top level.
                skipBlockComment(open: "(*", close: [UInt8(ascii: "*"), UInt8(ascii: ")")], &diagnostics)
            } else if byte == UInt8(ascii: "#") {
                readDirective(&diagnostics)
            } else {
                return
            }
        }
    }

    /// `#define` defines a macro (Lexer+Macros.swift), `#undef` forgets one;
    /// `#include` lines mean nothing to a model; other directives would
    /// change the code, so they are errors rather than silently ignored. A
    /// backslash at the end of a line continues the directive.
    private mutating func readDirective(_ diagnostics: inout DiagnosticEngine) {
        let bytes = file.bytes
        let start = position
        var end = position
        var line = ""
        while true {
            var lineEnd = end
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            var segment = lineEnd
            while segment > end, bytes[segment - 1] == 13 { segment -= 1 }
            if segment > end, bytes[segment - 1] == UInt8(ascii: "\\"), lineEnd < bytes.count {
                line += text(end, segment - 1) + " "
                end = lineEnd + 1
                continue
            }
            line += text(end, lineEnd)
            end = lineEnd
            break
        }
        position = end
        let words = line.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let keyword = words.first else { return }
        switch keyword {
        case "include", "pragma":
            return
        case "define":
            guard words.count >= 2 else {
                diagnostics.error("#define needs a name", at: file.location(of: start))
                return
            }
            define(String(words[1].prefix { $0.isLetter || $0.isNumber || $0 == "_" }), in: line, at: file.location(of: start), &diagnostics)
        case "undef":
            guard words.count >= 2 else {
                diagnostics.error("#undef needs a name", at: file.location(of: start))
                return
            }
            macros[String(words[1])] = nil
        default:
            diagnostics.error("preprocessor directive '#\(keyword)' is not supported; only #define, #undef and #include are", at: file.location(of: start))
        }
    }

    private mutating func skipBlockComment(open: String, close: [UInt8], _ diagnostics: inout DiagnosticEngine) {
        let bytes = file.bytes
        let start = position
        position += 2
        while position + 1 < bytes.count, !(bytes[position] == close[0] && bytes[position + 1] == close[1]) {
            position += 1
        }
        if position + 1 < bytes.count {
            position += 2
        } else {
            position = bytes.count
            diagnostics.error("unterminated comment; '\(open)' is never closed", at: file.location(of: start))
        }
        if braceDepth == 0 {
            comments.append(TopLevelComment(text: text(start, position), location: file.location(of: start)))
        }
    }

    private mutating func lexNumber(start: Int, into diagnostics: inout DiagnosticEngine) -> Token {
        let bytes = file.bytes
        var radix = 10
        if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count,
           bytes[position + 1] | 0x20 == UInt8(ascii: "x") {
            radix = 16
            position += 2
        } else if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count, Self.isDigit(bytes[position + 1]) {
            radix = 8
            position += 1
        }
        let digitsStart = position
        while position < bytes.count, Self.isIdentifierContinue(bytes[position]) { position += 1 }
        var digits = text(digitsStart, position)
        while let last = digits.last, "uUlL".contains(last) { digits.removeLast() }
        let location = file.location(of: start)
        let digitsAreValid = !digits.isEmpty && digits.allSatisfy { ($0.hexDigitValue ?? radix) < radix }
        guard digitsAreValid, let magnitude = UInt64(digits, radix: radix) else {
            let message = digitsAreValid ? "integer literal '\(text(start, position))' does not fit in 64 bits" : "invalid integer literal '\(text(start, position))'"
            diagnostics.error(message, at: location)
            return Token(kind: .integer(0), text: text(start, position), location: location)
        }
        // Literals above Int64.max keep their bits, as C's unsigned long ones do;
        // each use checks the range it needs.
        return Token(kind: .integer(Int64(bitPattern: magnitude)), text: text(start, position), location: location)
    }

    private mutating func lexCharacter(start: Int, into diagnostics: inout DiagnosticEngine) -> Token {
        let bytes = file.bytes
        position += 1
        var value: Int64 = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count {
            let escaped = bytes[position + 1]
            value = escaped == UInt8(ascii: "n") ? 10 : escaped == UInt8(ascii: "0") ? 0 : Int64(escaped)
            position += 2
        } else if position < bytes.count {
            value = Int64(bytes[position])
            position += 1
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "'") {
            position += 1
        } else {
            diagnostics.error("unterminated character literal", at: file.location(of: start))
        }
        return Token(kind: .integer(value), text: text(start, position), location: file.location(of: start))
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
    }

    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte)
    }

    private static func isPlausibleSource(_ byte: UInt8) -> Bool {
        byte == 9 || byte == 10 || byte == 13 || (byte >= 32 && byte < 127 && byte != UInt8(ascii: "`") && byte != UInt8(ascii: "@") && byte != UInt8(ascii: "$"))
    }
}
