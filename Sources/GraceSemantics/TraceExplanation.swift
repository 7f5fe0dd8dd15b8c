import GraceFrontend

/// Ties a violation to the steps behind it: for a use after free, where the
/// object was freed and where it was touched afterwards. It reads the
/// events the steps recorded and the violation's own fields, never text.
enum TraceExplanation {
    static func explain(_ violation: Violation, steps: [Trace.Step], program: Program) -> String {
        guard let last = steps.last else { return violation.message }
        let line = violation.location?.line ?? last.line
        let function = violation.function ?? last.function
        let here = "at step \(last.number) by CPU\(last.cpu) \(last.context.name) in \(function), line \(line)"
        func at(_ step: Trace.Step) -> String {
            "step \(step.number) by CPU\(step.cpu) \(step.context.name) in \(step.function), line \(step.line)"
        }
        let earlier = steps.dropLast()
        if violation.kind == .rcuHeadReuse, let object = violation.object,
           let queued = earlier.last(where: { $0.queuesCallback(onHeadIn: object) }) {
            return "first queued at \(at(queued)); queued again \(here)"
        }
        if let object = violation.object, violation.kind != .useAfterFree, violation.kind != .doubleFree {
            let name = program.objects[object].name
            let history = earlier.filter { $0.frees(object) || $0.allocates(object) }
            if !history.isEmpty {
                let events = history.map { step in "\(step.frees(object) ? "freed" : "allocated again") at \(at(step))" }
                return "\(name) was " + events.joined(separator: ", then ") + "; found \(here)"
            }
        }
        guard let object = violation.object, violation.kind == .useAfterFree || violation.kind == .doubleFree else {
            return "found \(here)"
        }
        let name = program.objects[object].name
        guard let freeing = earlier.last(where: { $0.frees(object) }) else { return "found \(here)" }
        let what = program.objects[object].kind == .page ? "\(name)'s contents" : name
        let verb = violation.kind == .doubleFree ? "freed again" : violation.access?.pastParticiple ?? "read"
        return "\(what) freed at \(at(freeing)); \(verb) \(here)"
    }
}

extension MemoryAccess.Kind {
    /// How the explanation says what the access did to freed memory.
    var pastParticiple: String {
        switch self {
        case .read, .failedUpdate: return "read"
        case .write: return "written"
        case .update: return "updated"
        }
    }
}

extension Trace.Step {
    func frees(_ object: Int) -> Bool {
        kernelEvents.contains(.freed(object: object))
    }

    func allocates(_ object: Int) -> Bool {
        kernelEvents.contains(.allocated(object: object))
    }

    /// Whether the step queued a callback on an rcu_head inside `object`.
    func queuesCallback(onHeadIn object: Int) -> Bool {
        kernelEvents.contains { event in
            if case .callbackQueued(let head) = event { return ValueEncoding.object(of: head) == object }
            return false
        }
    }
}
