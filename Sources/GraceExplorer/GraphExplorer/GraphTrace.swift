import GraceFrontend
import GraceSemantics

/// An execution graph as a trace: its events in an order consistent with
/// program order and reads-from, one per step, each read saying which
/// write it reads from (and which later-in-coherence write it misses), and
/// the coherence order of each location at the end. Load buffering has no
/// such order; a read that takes a write printed after it says so.
enum GraphTrace {
    static func make(_ graph: ExecutionGraph, violation: Violation, context: RunnerContext) -> Trace {
        let order = printingOrder(graph)
        var stepOf: [EventID: Int] = [:]
        for (position, id) in order.enumerated() { stepOf[id] = position + 1 }
        var steps: [Trace.Step] = []
        for (position, id) in order.enumerated() {
            let event = graph[id]
            let line = event.source?.line ?? 0
            let function = event.function.map { context.program.functions[$0].name } ?? "P\(id.thread)"
            let sourceText = context.program.file.lineText(line).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            steps.append(Trace.Step(number: position + 1, cpu: Int(id.thread), context: .task, function: function, line: line,
                                    column: event.source?.column ?? 0, sourceText: sourceText,
                                    events: [describe(id, graph, stepOf: stepOf, context: context)], kernelEvents: []))
        }
        var links: [Trace.Link] = []
        for id in order {
            guard let source = graph[id].readsFrom, !source.isInitial, let from = stepOf[source] else { continue }
            links.append(Trace.Link(.readsFrom, from: from, to: stepOf[id]!))
        }
        var coherence: [String] = []
        for location in graph.locations {
            let writes = graph.writes(at: location)
            guard writes.count > 1 else { continue }
            let chain = writes.map { write -> String in
                let value = context.valueName(graph[write].value, in: location)
                return write.isInitial ? "\(value) (initial)" : "\(value) (step \(stepOf[write]!))"
            }
            coherence.append("\(context.cellName(location)): " + chain.joined(separator: ", "))
        }
        let explanation = coherence.isEmpty ? violation.message : "coherence order: " + coherence.joined(separator: "; ")
        var trace = Trace(steps: steps, violation: violation, explanation: explanation)
        trace.links = links.sorted { ($0.to, $0.from) < ($1.to, $1.from) }
        return trace
    }

    /// Events in program order per thread, a read only after the write it
    /// reads from; among ready events the current thread goes on, else the
    /// lowest. When none is ready (a reads-from cycle) the lowest thread's
    /// next event goes first anyway.
    static func printingOrder(_ graph: ExecutionGraph) -> [EventID] {
        var next = Array(repeating: 0, count: graph.threadCount)
        var printed = Set<EventID>()
        var order: [EventID] = []
        var current = 0
        func isReady(_ thread: Int) -> Bool {
            guard next[thread] < graph.threads[thread].count else { return false }
            let id = EventID(thread: thread, index: next[thread])
            guard let source = graph[id].readsFrom, !source.isInitial, source.thread != id.thread else { return true }
            return printed.contains(source)
        }
        let total = graph.threads.reduce(0) { $0 + $1.count }
        while order.count < total {
            let candidates = (0..<graph.threadCount).filter { next[$0] < graph.threads[$0].count }
            let thread = isReady(current) ? current : candidates.first(where: isReady) ?? candidates[0]
            let id = EventID(thread: thread, index: next[thread])
            order.append(id)
            printed.insert(id)
            next[thread] += 1
            current = thread
        }
        return order
    }

    static func describe(_ id: EventID, _ graph: ExecutionGraph, stepOf: [EventID: Int], context: RunnerContext) -> TraceEvent {
        let event = graph[id]
        let tag = [.plain, .acquire, .release, .noreturn].contains(event.tag) ? " (\(event.tag.spelling))" : ""
        guard let location = event.location, event.kind != .fence else {
            return TraceEvent(.fence, event.tag.spelling)
        }
        let name = context.cellName(location)
        let value = context.valueName(event.value, in: location)
        switch event.kind {
        case .write:
            let kind: TraceEvent.Kind = event.tag == .unlock ? .unlock : event.tag == .lockWrite ? .lock : .write
            let what = event.tag == .unlock ? "unlock \(name)" : event.tag == .lockWrite ? "lock \(name)" : "write \(name) = \(value)\(tag)"
            return TraceEvent(kind, what)
        case .read, .fence:
            var text = "read \(name) = \(value)\(tag)"
            if let source = event.readsFrom {
                if source.isInitial {
                    text += ", its initial value"
                } else if let step = stepOf[source], step > stepOf[id]! {
                    text += ", from step \(step), later in this order"
                } else if let step = stepOf[source] {
                    text += ", from step \(step)"
                }
                let writes = graph.writes(at: location)
                if let rank = writes.firstIndex(of: source),
                   let missed = writes[(rank + 1)...].first(where: { stepOf[$0].map { $0 < stepOf[id]! } ?? false }) {
                    text += "; misses step \(stepOf[missed]!)'s \(context.valueName(graph[missed].value, in: location))"
                }
            }
            return TraceEvent(.read, text)
        }
    }
}
