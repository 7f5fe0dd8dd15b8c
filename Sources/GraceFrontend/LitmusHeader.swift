/// The lines of a litmus test before its C text, as herd7 writes them:
///
///     C C-3.2W+poonceonce+pooncerelease      <- "C", then a name without whitespace
///     "PodWWOnce WseOnceRelease"             <- optional description, may span lines
///     Cycle=PodWWOnce WseOnceRelease         <- Key=value metadata, kept, never read
///     Generator=diy7 (version 7.57)
///     (* comments anywhere between them *)
///     {                                      <- the C text starts here
///
/// They are read from the bytes, not from tokens: names, descriptions and
/// metadata values hold characters C has no token for (`$`, `@`, a lone `'`).
struct LitmusHeader {
    var name = ""
    var nameLocation = SourceLocation.unknown
    var description: String?
    var metadata: [MetadataField] = []
    var comments: [TopLevelComment] = []
    /// Where the C text begins.
    var end = 0

    private let file: SourceFile
    private var position = 0

    private init(file: SourceFile) {
        self.file = file
    }

    /// Reads the header of `file`; errors are reported and the C text is
    /// read from where the header could not go on.
    static func read(_ file: SourceFile, into diagnostics: inout DiagnosticEngine) -> LitmusHeader {
        var header = LitmusHeader(file: file)
        header.readNameLine(&diagnostics)
        header.readFieldLines(&diagnostics)
        header.end = header.position
        return header
    }

    private var bytes: [UInt8] { file.bytes }

    private func byte(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 13 || byte == 11 || byte == 12
    }

    private mutating func skipBlanks() {
        while let next = byte(at: position), Self.isBlank(next) { position += 1 }
    }

    private func startsWith(_ text: String, at offset: Int) -> Bool {
        let pattern = Array(text.utf8)
        guard offset + pattern.count <= bytes.count else { return false }
        return bytes[offset..<(offset + pattern.count)].elementsEqual(pattern)
    }

    /// `C name`, then on the same line an optional `(texname)`, description,
    /// `;` or comment.
    private mutating func readNameLine(_ diagnostics: inout DiagnosticEngine) {
        while let next = byte(at: position), Self.isBlank(next) || next == 10 { position += 1 }
        guard position < bytes.count else { return }
        let archStart = position
        while let next = byte(at: position), Lexer.isIdentifierContinue(next) { position += 1 }
        let architecture = String(decoding: bytes[archStart..<position], as: UTF8.self)
        guard architecture == "C", let separator = byte(at: position), Self.isBlank(separator) else {
            if !architecture.isEmpty, architecture != "C", byte(at: position).map(Self.isBlank) == true {
                diagnostics.error("Grace reads C litmus tests; '\(architecture)' tests are written for another architecture", at: file.location(of: archStart))
            } else if architecture == "C" && (byte(at: position) == nil || byte(at: position) == 10) {
                diagnostics.error("expected the model's name after 'C'", at: file.location(of: position))
                skipLine()
            } else {
                diagnostics.error("a model starts with 'C <name>'; found '\(firstWord(at: archStart))'", at: file.location(of: archStart))
            }
            if architecture != "C" { position = archStart }
            return
        }
        skipBlanks()
        let nameStart = position
        while let next = byte(at: position), !Self.isBlank(next), next != 10,
              !startsWith("(*", at: position), next != UInt8(ascii: "\"") {
            position += 1
        }
        guard position > nameStart else {
            diagnostics.error("expected the model's name after 'C'", at: file.location(of: position))
            skipLine()
            return
        }
        name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        nameLocation = file.location(of: nameStart)
        skipBlanks()
        if byte(at: position) == UInt8(ascii: "("), byte(at: position + 1) != UInt8(ascii: "*") {
            // herd7's `(texname)`: the name LaTeX output uses.
            while let next = byte(at: position), next != UInt8(ascii: ")"), next != 10 { position += 1 }
            if byte(at: position) == UInt8(ascii: ")") { position += 1 }
            skipBlanks()
        }
        readRestOfLine(&diagnostics, allowingSemicolon: true)
    }

    /// Blanks, a description, `;` and comments to the end of a header line;
    /// anything else is an error, since it is neither header nor C.
    private mutating func readRestOfLine(_ diagnostics: inout DiagnosticEngine, allowingSemicolon: Bool) {
        while let next = byte(at: position), next != 10 {
            if Self.isBlank(next) {
                position += 1
            } else if next == UInt8(ascii: "\"") {
                readDescription(&diagnostics)
            } else if startsWith("(*", at: position) {
                readComment(&diagnostics)
            } else if next == UInt8(ascii: ";") && allowingSemicolon {
                position += 1
            } else {
                diagnostics.error("unexpected text in the test's header: '\(firstWord(at: position))'", at: file.location(of: position))
                skipLine()
                return
            }
        }
        if position < bytes.count { position += 1 }
    }

    /// Lines of descriptions, metadata and comments, up to the first line that
    /// is none of these: the init block's `{`, or Grace's own top-level text.
    private mutating func readFieldLines(_ diagnostics: inout DiagnosticEngine) {
        while position < bytes.count {
            let lineStart = position
            skipBlanks()
            guard let next = byte(at: position) else { return }
            if next == 10 {
                position += 1
            } else if next == UInt8(ascii: "\"") || startsWith("(*", at: position) {
                readRestOfLine(&diagnostics, allowingSemicolon: false)
            } else if startsWith("//", at: position) {
                skipLine()
            } else if let field = metadataField(at: position) {
                metadata.append(field)
                skipLine()
            } else {
                position = lineStart
                return
            }
        }
    }

    /// `Key=value` as herd7 reads it: a key of letters, digits, `_`, `/`,
    /// `.` and `-` starting with a letter, then `=` and the rest of the line.
    private func metadataField(at start: Int) -> MetadataField? {
        guard let first = byte(at: start), Lexer.isIdentifierStart(first), first != UInt8(ascii: "_") else { return nil }
        var cursor = start
        while let next = byte(at: cursor), Lexer.isIdentifierContinue(next) || next == UInt8(ascii: "/")
            || next == UInt8(ascii: ".") || next == UInt8(ascii: "-") {
            cursor += 1
        }
        let key = String(decoding: bytes[start..<cursor], as: UTF8.self)
        while let next = byte(at: cursor), Self.isBlank(next) { cursor += 1 }
        guard byte(at: cursor) == UInt8(ascii: "="), byte(at: cursor + 1) != UInt8(ascii: "=") else { return nil }
        cursor += 1
        var lineEnd = cursor
        while let next = byte(at: lineEnd), next != 10 { lineEnd += 1 }
        let value = String(decoding: bytes[cursor..<lineEnd], as: UTF8.self).trimmingWhitespace()
        return MetadataField(key: key, value: value, location: file.location(of: start))
    }

    /// A quoted description; as in herd7 it has no escapes and may span lines.
    private mutating func readDescription(_ diagnostics: inout DiagnosticEngine) {
        let start = position
        position += 1
        while let next = byte(at: position), next != UInt8(ascii: "\"") { position += 1 }
        guard position < bytes.count else {
            diagnostics.error("unterminated description string in the test's header", at: file.location(of: start))
            return
        }
        let text = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
        description = description.map { $0 + "\n" + text } ?? text
        position += 1
    }

    private mutating func readComment(_ diagnostics: inout DiagnosticEngine) {
        let start = position
        position += 2
        while position + 1 < bytes.count, !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: ")")) {
            position += 1
        }
        guard position + 1 < bytes.count else {
            position = bytes.count
            diagnostics.error("unterminated comment; '(*' is never closed", at: file.location(of: start))
            return
        }
        position += 2
        comments.append(TopLevelComment(text: String(decoding: bytes[start..<position], as: UTF8.self), location: file.location(of: start)))
    }

    private mutating func skipLine() {
        while let next = byte(at: position), next != 10 { position += 1 }
        if position < bytes.count { position += 1 }
    }

    private func firstWord(at offset: Int) -> String {
        var end = offset
        while let next = byte(at: end), !Self.isBlank(next), next != 10, end - offset < 40 { end += 1 }
        let shown = bytes[offset..<max(end, min(offset + 1, bytes.count))].map { (32..<127).contains($0) ? $0 : UInt8(ascii: "?") }
        return String(decoding: shown, as: UTF8.self)
    }
}

/// One `Key=value` line of a litmus header (`Cycle=Rfe PodRR Fre PodWW`).
public struct MetadataField: Sendable, Hashable {
    public var key: String
    public var value: String
    public var location: SourceLocation
}
