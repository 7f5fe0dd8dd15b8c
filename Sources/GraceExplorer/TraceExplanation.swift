import GraceFrontend
import GraceSemantics

/// Ties a violation to the steps behind it: for a use after free, where the
/// object was freed and where it was touched afterwards.
enum TraceExplanation {
    static func explain(_ violation: Violation, steps: [Trace.Step], program: Program) -> String {
        guard let last = steps.last else { return violation.message }
        let line = violation.location?.line ?? last.line
        let function = violation.function ?? last.function
        let here = "at step \(last.number) by CPU\(last.cpu) \(last.context.name) in \(function), line \(line)"
        func at(_ step: Trace.Step) -> String {
            "step \(step.number) by CPU\(step.cpu) \(step.context.name) in \(step.function), line \(step.line)"
        }
        // The only RCU event that names an object is call_rcu queueing a head.
        if violation.kind == .rcuHeadReuse, let object = violation.object,
           let queued = steps.dropLast().last(where: { step in step.events.contains { $0.kind == .rcu && $0.object == object } }) {
            return "first queued at \(at(queued)); queued again \(here)"
        }
        if let object = violation.object, violation.kind != .useAfterFree, violation.kind != .doubleFree {
            let name = program.objects[object].name
            let history = steps.dropLast().filter { step in step.events.contains { ($0.kind == .free || $0.kind == .alloc) && $0.object == object } }
            if !history.isEmpty {
                let events = history.map { step in
                    let verb = step.events.contains { $0.kind == .free && $0.object == object } ? "freed" : "allocated again"
                    return "\(verb) at step \(step.number) by CPU\(step.cpu) \(step.context.name) in \(step.function), line \(step.line)"
                }
                return "\(name) was " + events.joined(separator: ", then ") + "; found \(here)"
            }
        }
        guard let object = violation.object, violation.kind == .useAfterFree || violation.kind == .doubleFree else {
            return "found \(here)"
        }
        let name = program.objects[object].name
        let freeing = steps.dropLast().last { step in step.events.contains { $0.kind == .free && $0.object == object } }
        guard let freeing else { return "found \(here)" }
        let what = program.objects[object].kind == .page ? "\(name)'s contents" : name
        let verb = violation.kind == .doubleFree ? "freed again" : violation.message.hasPrefix("write") ? "written" : violation.message.hasPrefix("update") ? "updated" : "read"
        return "\(what) freed at step \(freeing.number) by CPU\(freeing.cpu) \(freeing.context.name) in \(freeing.function), line \(freeing.line); \(verb) at step \(last.number) by CPU\(last.cpu) \(last.context.name) in \(function), line \(line)"
    }
}
