/// A parsed JSON value with the byte offset where it starts in its text, so
/// that whoever reads a document Grace wrote (`grace merge` reading the
/// shards' results) can point at the value it objects to.
public struct JSONNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        /// Members in the order of the text, so a duplicate key is seen.
        case object([(key: String, value: JSONNode)])
    }

    public var value: Value
    /// Byte offset of the value's first character.
    public var offset: Int

    /// The member `key` of an object, if it is one and has it.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// A number that is a whole number exactly.
    public var int: Int? {
        guard case .number(let number) = value, number.rounded() == number, abs(number) < 9e15 else { return nil }
        return Int(number)
    }

    public var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    public var array: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// A syntax error, at a byte offset of the text.
    public struct SyntaxError: Error, Sendable {
        public var offset: Int
        public var message: String
    }

    /// Parses a whole document (RFC 8259); nesting deeper than `depthLimit`
    /// is an error rather than a deep recursion.
    public static func parse(_ bytes: [UInt8], depthLimit: Int = 256) throws(SyntaxError) -> JSONNode {
        var parser = JSONParser(bytes: bytes, depthLimit: depthLimit)
        parser.skipWhitespace()
        let node = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw SyntaxError(offset: parser.position, message: "unexpected text after the JSON document") }
        return node
    }
}

/// A recursive-descent reader of JSON bytes.
private struct JSONParser {
    let bytes: [UInt8]
    let depthLimit: Int
    var position = 0

    init(bytes: [UInt8], depthLimit: Int) {
        self.bytes = bytes
        self.depthLimit = depthLimit
    }

    typealias SyntaxError = JSONNode.SyntaxError

    mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    private func error(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(offset: min(offset ?? position, bytes.count), message: message)
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func value(depth: Int) throws(SyntaxError) -> JSONNode {
        guard depth < depthLimit else { throw error("JSON nested deeper than \(depthLimit) levels") }
        let start = position
        guard let byte = current else { throw error("expected a JSON value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "{"): return JSONNode(value: try object(depth: depth), offset: start)
        case UInt8(ascii: "["): return JSONNode(value: try array(depth: depth), offset: start)
        case UInt8(ascii: "\""): return JSONNode(value: .string(try string()), offset: start)
        case UInt8(ascii: "t"): try literal("true"); return JSONNode(value: .bool(true), offset: start)
        case UInt8(ascii: "f"): try literal("false"); return JSONNode(value: .bool(false), offset: start)
        case UInt8(ascii: "n"): try literal("null"); return JSONNode(value: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return JSONNode(value: .number(try number()), offset: start)
        default: throw error("expected a JSON value")
        }
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        let expected = Array(word.utf8)
        guard position + expected.count <= bytes.count, Array(bytes[position..<position + expected.count]) == expected else {
            throw error("expected a JSON value")
        }
        position += expected.count
    }

    private mutating func object(depth: Int) throws(SyntaxError) -> JSONNode.Value {
        position += 1
        var members: [(key: String, value: JSONNode)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
            let keyStart = position
            let key = try string()
            if members.contains(where: { $0.key == key }) { throw error("duplicate member '\(key)'", at: keyStart) }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after the member name") }
            position += 1
            skipWhitespace()
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            if current == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func array(depth: Int) throws(SyntaxError) -> JSONNode.Value {
        position += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw error("expected ',' or ']' in an array")
        }
    }

    private mutating func string() throws(SyntaxError) -> String {
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll()
        }
        while true {
            guard let byte = current else { throw error("unterminated string", at: start) }
            if byte == UInt8(ascii: "\"") {
                position += 1
                flush()
                return String(scalars)
            }
            if byte < 0x20 { throw error("control character in a string") }
            if byte != UInt8(ascii: "\\") {
                run.append(byte)
                position += 1
                continue
            }
            flush()
            position += 1
            guard let escape = current else { throw error("unterminated string", at: start) }
            position += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try hexQuad()
                if (0xD800..<0xDC00).contains(code), current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") {
                    position += 2
                    let low = try hexQuad()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair", at: position - 6) }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape", at: position - 6) }
                scalars.append(scalar)
            default:
                throw error("invalid escape in a string", at: position - 2)
            }
        }
    }

    private mutating func hexQuad() throws(SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
            throw error("expected four hexadecimal digits after \\u")
        }
        position += 4
        return code
    }

    private mutating func number() throws(SyntaxError) -> Double {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        let isDigit = { (byte: UInt8?) in byte.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false }
        guard isDigit(current) else { throw error("expected a digit") }
        if current == UInt8(ascii: "0") { position += 1 } else { while isDigit(current) { position += 1 } }
        if current == UInt8(ascii: ".") {
            position += 1
            guard isDigit(current) else { throw error("expected a digit after '.'") }
            while isDigit(current) { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard isDigit(current) else { throw error("expected a digit in the exponent") }
            while isDigit(current) { position += 1 }
        }
        guard let number = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else { throw error("invalid number", at: start) }
        return number
    }
}
