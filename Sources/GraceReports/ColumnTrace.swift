import GraceExplorer
import GraceFrontend
import GraceSemantics

/// The side-by-side form of a counterexample (SPEC 4): one column per CPU,
/// each step in its CPU's column, wrapped to fit, step numbers at the left,
/// for pasting into an email read in a fixed-width font.
public enum ColumnTrace {
    static let separator = " | "
    /// Below this a column holds too little of a line to be read.
    static let narrowestColumn = 16

    public static func render(_ trace: Trace, model: String, memoryModel: MemoryModelKind,
                              config: ModelConfig = ModelConfig(), width: Int) -> String {
        var lines = ["Counterexample for \(model) under \(memoryModel.rawValue): violation \(trace.violation.kind.rawValue)"]
        let settings = config.nonDefaultSettings
        if !settings.isEmpty { lines.append("Config: \(settings)") }
        lines.append("")
        let cpus = Array(Set(trace.steps.map(\.cpu))).sorted()
        let numberWidth = String(trace.steps.count).count
        let columns = max(1, cpus.count)
        let columnWidth = max(narrowestColumn, (width - numberWidth - separator.count * columns) / columns)
        func row(_ number: String, _ cells: [String]) -> String {
            let padded = cells.map { TextWrapping.padded($0, to: columnWidth) }
            return (TextWrapping.padded(number, to: numberWidth) + separator + padded.joined(separator: separator)).trimmingTrailingSpaces()
        }
        if !cpus.isEmpty {
            lines.append(row("", cpus.map { "CPU\($0)" }))
            lines.append(String(repeating: "-", count: numberWidth) + "-+-"
                + cpus.map { _ in String(repeating: "-", count: columnWidth) }.joined(separator: "-+-"))
        }
        for step in trace.steps {
            let column = cpus.firstIndex(of: step.cpu) ?? 0
            let cellLines = cell(step, width: columnWidth)
            for (index, text) in cellLines.enumerated() {
                var cells = Array(repeating: "", count: cpus.count)
                cells[column] = text
                lines.append(row(index == 0 ? String(step.number) : "", cells))
            }
        }
        lines.append("")
        let fullWidth = max(narrowestColumn, numberWidth + (separator.count + columnWidth) * columns)
        lines += TextWrapping.wrap("violation \(trace.violation.kind.rawValue): \(trace.violation.message)", width: fullWidth)
        if trace.explanation != trace.violation.message {
            lines += TextWrapping.wrap(trace.explanation, width: fullWidth)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A step's lines in its column: where it ran, then what it did.
    static func cell(_ step: Trace.Step, width: Int) -> [String] {
        let context = step.context == .task ? "" : "[\(step.context.name)] "
        var lines = TextWrapping.wrap("\(context)\(step.function):\(step.line) \(step.sourceText)", width: width)
        for event in step.events {
            lines += TextWrapping.wrap(event.text, width: width - 2).map { "  " + $0 }
        }
        return lines
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
