/// The `Result:`, `Expect:` and `Config:` lines of a model's comments.
public struct Directives: Sendable {
    public struct Expectation: Sendable, Hashable {
        public var memoryModel: MemoryModelKind
        public var verdict: Verdict
        public var spelled: String
        /// Whether LKMM's data-race flag is expected to be raised.
        public var dataRace: Bool

        public init(memoryModel: MemoryModelKind, verdict: Verdict, spelled: String, dataRace: Bool = false) {
            self.memoryModel = memoryModel
            self.verdict = verdict
            self.spelled = spelled
            self.dataRace = dataRace
        }
    }

    public var result: HerdResult?
    /// herd7's `Result: ... DATARACE`: LKMM flags a data race.
    public var resultDataRace = false
    public var expectations: [Expectation] = []
    public var config = ModelConfig()
    /// The first prose sentence of the leading comment: what the model shows.
    public var summary = ""

    static let names = ["Config", "Expect", "Result"]

    /// The memory models a plain `grace check` judges the model under: those
    /// its Expect lines name, and lkmm for a `Result:` line (herd7's verdict);
    /// sc alone when it states no expectation.
    public var judgedMemoryModels: [MemoryModelKind] {
        var kinds = Set(expectations.map(\.memoryModel))
        if result != nil { kinds.insert(.lkmm) }
        return kinds.isEmpty ? [.sc] : kinds.sorted()
    }

    /// The verdict expected under `kind`: its Expect line, or for lkmm the
    /// `Result:` line when no Expect line names lkmm.
    public func expectation(for kind: MemoryModelKind) -> Expectation? {
        if let written = expectations.first(where: { $0.memoryModel == kind }) { return written }
        guard kind == .lkmm, let result else { return nil }
        return Expectation(memoryModel: .lkmm, verdict: result.verdict, spelled: result.verdict.spelled + (resultDataRace ? " data-race" : ""),
                           dataRace: resultDataRace)
    }

    /// Reads directive lines out of top-level comments. A line that looks
    /// like a misspelt directive (`Expcet:`) is an error rather than prose.
    static func parse(comments: [TopLevelComment], file: SourceFile, diagnostics: inout DiagnosticEngine) -> Directives {
        var directives = Directives()
        directives.summary = comments.first.map(summary) ?? ""
        for comment in comments {
            var lineStart = comment.text.startIndex
            while lineStart < comment.text.endIndex {
                let lineEnd = comment.text[lineStart...].firstIndex(of: "\n") ?? comment.text.endIndex
                let line = comment.text[lineStart..<lineEnd]
                let offset = comment.location.offset + comment.text.utf8.distance(from: comment.text.startIndex, to: lineStart)
                directives.read(line: line, lineOffset: offset, file: file, diagnostics: &diagnostics)
                lineStart = lineEnd < comment.text.endIndex ? comment.text.index(after: lineEnd) : lineEnd
            }
        }
        return directives
    }

    private mutating func read(line: Substring, lineOffset: Int, file: SourceFile, diagnostics: inout DiagnosticEngine) {
        var body = line
        // Strip comment decoration: leading `(*`, `/*`, `*` and trailing `*)`, `*/`.
        while let first = body.first, first == " " || first == "\t" || first == "(" || first == "*" || first == "/" {
            body.removeFirst()
        }
        if body.hasSuffix("*)") || body.hasSuffix("*/") { body.removeLast(2) }
        guard let colon = body.firstIndex(of: ":") else { return }
        let word = String(body[..<colon])
        guard !word.isEmpty, word.allSatisfy({ $0.isLetter }) else { return }
        let valueStart = body.index(after: colon)
        let value = String(body[valueStart...]).trimmingWhitespace()
        let wordOffset = lineOffset + line.utf8.distance(from: line.startIndex, to: body.startIndex)
        let valueOffset = lineOffset + line.utf8.distance(from: line.startIndex, to: valueStart) + 1
        let wordLocation = file.location(of: wordOffset)
        let valueLocation = file.location(of: valueOffset)
        switch word {
        case "Result":
            guard let parsed = HerdResult(rawValue: value.split(separator: " ").first.map(String.init) ?? "") else {
                diagnostics.error("unknown Result '\(value)'; expected Never, Sometimes, Always or DEADLOCK", at: valueLocation)
                return
            }
            result = parsed
            resultDataRace = value.split(whereSeparator: \.isWhitespace).dropFirst().contains("DATARACE")
        case "Expect":
            readExpectation(value, at: valueLocation, diagnostics: &diagnostics)
        case "Config":
            let valueText = body[valueStart...]
            for pair in valueText.split(whereSeparator: \.isWhitespace) {
                // Each entry is located at itself, so every bad one is reported.
                let pairLocation = file.location(of: lineOffset + line.utf8.distance(from: line.startIndex, to: pair.startIndex))
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else {
                    diagnostics.error("Config entries are key=value; found '\(pair)'", at: pairLocation)
                    continue
                }
                if let message = config.apply(key: String(parts[0]), value: String(parts[1])) {
                    diagnostics.error(message, at: pairLocation)
                }
            }
        default:
            if let near = Self.names.first(where: { Self.isNearMiss(word, $0) }) {
                diagnostics.error("unknown directive '\(word):'; did you mean '\(near):'?", at: wordLocation)
            }
        }
    }

    private mutating func readExpectation(_ value: String, at location: SourceLocation, diagnostics: inout DiagnosticEngine) {
        guard let colon = value.firstIndex(of: ":") else {
            diagnostics.error("Expect lines read 'Expect: <memory model>: <verdict>', e.g. 'Expect: sc: pass'", at: location)
            return
        }
        let modelName = String(value[..<colon]).trimmingWhitespace()
        var verdictText = String(value[value.index(after: colon)...]).trimmingWhitespace()
        // A trailing `data-race` expects LKMM's data-race flag (herd7's
        // `Flag data-race`, the kernel's `Result: ... DATARACE`); without it
        // the flag must not be raised: `Expect: lkmm: sometimes data-race`.
        var dataRace = false
        if verdictText.hasSuffix(" data-race") {
            dataRace = true
            verdictText = String(verdictText.dropLast(" data-race".count)).trimmingWhitespace()
        }
        guard let model = MemoryModelKind(rawValue: modelName) else {
            diagnostics.error("unknown memory model '\(modelName)' in Expect; expected sc, tso or lkmm", at: location)
            return
        }
        guard let verdict = Verdict(spelled: verdictText) else {
            let kinds = ViolationKind.allCases.map(\.rawValue).joined(separator: ", ")
            diagnostics.error("unknown verdict '\(verdictText)'; expected pass, never, sometimes, always, deadlock or 'violation <kind>' with kind one of \(kinds), optionally followed by data-race", at: location)
            return
        }
        if expectations.contains(where: { $0.memoryModel == model }) {
            diagnostics.error("a second Expect line for \(model.rawValue)", at: location)
            return
        }
        expectations.append(Expectation(memoryModel: model, verdict: verdict, spelled: verdictText + (dataRace ? " data-race" : ""), dataRace: dataRace))
    }

    /// The first sentence of a comment's prose, directive lines left out.
    static func summary(of comment: TopLevelComment) -> String {
        var words: [Substring] = []
        for line in comment.text.split(separator: "\n") {
            var body = line.drop { " \t".contains($0) }
            if body.hasPrefix("(*") || body.hasPrefix("/*") { body = body.dropFirst(2) }
            body = body.drop { " \t*".contains($0) }
            if body.hasSuffix("*)") || body.hasSuffix("*/") { body = body.dropLast(2) }
            while let last = body.last, " \t".contains(last) { body = body.dropLast() }
            if body.isEmpty {
                if !words.isEmpty { break }
                continue
            }
            if let colon = body.firstIndex(of: ":"), names.contains(String(body[..<colon])) { continue }
            words += body.split(separator: " ")
            if let last = words.last, last.hasSuffix(".") { break }
        }
        var text = words.joined(separator: " ")
        if let end = text.range(of: ". ") { text = String(text[..<end.lowerBound]) + "." }
        return text
    }

    /// A case-insensitive edit distance of at most two, without being equal.
    static func isNearMiss(_ word: String, _ name: String) -> Bool {
        let a = Array(word.lowercased())
        let b = Array(name.lowercased())
        guard a != b || word != name else { return false }
        if a == b { return true }
        guard abs(a.count - b.count) <= 2 else { return false }
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count] <= 2
    }
}
