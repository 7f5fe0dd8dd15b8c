/// A model file's text, decoded once, with the line table diagnostics need.
public struct SourceFile: Sendable {
    /// The path as the user gave it; diagnostics print it verbatim.
    public let path: String
    /// The file's bytes. Lexing works on bytes: model text is ASCII C, and
    /// anything else is reported as an unexpected character, never decoded.
    public let bytes: [UInt8]
    /// Byte offsets at which each line starts; `lineStarts[0] == 0`.
    let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The 1-based line and column of a byte offset.
    public func location(of offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(offset: offset, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// The text of a 1-based line without its newline; bytes that are not
    /// printable ASCII are shown as `?` so a snippet never garbles a terminal.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let printable = bytes[start..<max(start, end)].map { byte -> UInt8 in
            (byte == 9 || (byte >= 32 && byte < 127)) ? byte : UInt8(ascii: "?")
        }
        return String(decoding: printable.prefix(400), as: UTF8.self)
    }
}

/// A position in a source file: byte offset plus 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static let unknown = SourceLocation(offset: 0, line: 1, column: 1)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.offset < rhs.offset
    }
}
