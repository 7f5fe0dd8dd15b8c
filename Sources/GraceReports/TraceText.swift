import GraceExplorer
import GraceFrontend
import GraceSemantics

/// The mailing-list form of a counterexample (SPEC §4): numbered steps with
/// CPU, context, source line and text, what each step read and wrote, and the
/// violation explained last. Deterministic: no timings, no paths.
public enum TraceText {
    public static func render(_ trace: Trace, model: String, memoryModel: MemoryModelKind, config: ModelConfig = ModelConfig()) -> String {
        var lines: [String] = []
        lines.append("Counterexample for \(model) under \(memoryModel.rawValue): violation \(trace.violation.kind.rawValue)")
        let settings = config.nonDefaultSettings
        if !settings.isEmpty { lines.append("Config: \(settings)") }
        lines.append("")
        let width = String(trace.steps.count).count
        for step in trace.steps {
            let number = String(repeating: " ", count: width - String(step.number).count) + String(step.number)
            let who = "CPU\(step.cpu) \(step.context.name)"
            let whoPadded = who + String(repeating: " ", count: max(0, 12 - who.count))
            lines.append("\(number)  \(whoPadded) \(step.function):\(step.line)  \(step.sourceText)")
            let indent = String(repeating: " ", count: width + 15)
            for event in step.events {
                lines.append(indent + event.text)
            }
        }
        lines.append("")
        lines.append("violation \(trace.violation.kind.rawValue): \(trace.violation.message)")
        if trace.explanation != trace.violation.message {
            lines.append(trace.explanation)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
