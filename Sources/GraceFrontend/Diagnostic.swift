/// One problem found in a model, located in its source file.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `file:line:col: error: message`, the source line and a caret under the column.
    public func rendered(in file: SourceFile) -> String {
        let lineText = file.lineText(location.line)
        var caretLine = ""
        for (index, character) in lineText.enumerated() where index < location.column - 1 {
            caretLine.append(character == "\t" ? "\t" : " ")
        }
        caretLine.append("^")
        return "\(file.path):\(location.line):\(location.column): \(severity.rawValue): \(message)\n\(lineText)\n\(caretLine)"
    }
}

/// Collects the diagnostics of one model; parsing and checking go on after an
/// error where they can, so one run reports several.
public struct DiagnosticEngine: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    /// Past this many errors, later ones are mostly echoes of the first.
    static let errorLimit = 20

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    var isFull: Bool { diagnostics.count >= Self.errorLimit }

    public mutating func error(_ message: String, at location: SourceLocation) {
        guard !isFull else { return }
        if diagnostics.contains(where: { $0.location.offset == location.offset && $0.severity == .error }) { return }
        diagnostics.append(Diagnostic(.error, at: location, message))
    }

    /// Something legal but most likely a mistake; the model still compiles.
    public mutating func warning(_ message: String, at location: SourceLocation) {
        guard !isFull, !diagnostics.contains(where: { $0.location.offset == location.offset }) else { return }
        diagnostics.append(Diagnostic(.warning, at: location, message))
    }

    public func sorted() -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            (lhs.element.location.offset, lhs.offset) < (rhs.element.location.offset, rhs.offset)
        }.map(\.element)
    }
}
