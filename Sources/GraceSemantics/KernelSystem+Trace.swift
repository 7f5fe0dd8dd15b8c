import GraceFrontend

/// Counterexamples: a path of successor ordinals replayed with every step
/// recording what it does, made into trace steps, the relations between
/// them and an explanation.
extension KernelSystem {
    public func trace(following ordinals: [Int], to violation: Violation) -> Trace {
        var steps: [Trace.Step] = []
        var state = initialState().0
        var successors: [Successor] = []
        var links = TraceLinks()
        var buffered = BufferedStores()
        for ordinal in ordinals {
            successors.removeAll(keepingCapacity: true)
            self.successors(of: state, into: &successors, recording: .trace)
            precondition(ordinal < successors.count, "[grace internal bug] a trace step could not be replayed: exploration is not deterministic")
            let successor = successors[ordinal]
            var step = makeStep(successor, number: steps.count + 1)
            buffered.place(&step, isMemoryModelStep: { if case .memoryModel = successor.action { true } else { false } }())
            steps.append(step)
            links.record(steps[steps.count - 1])
            state = successor.state
        }
        return Trace(steps: steps, violation: violation, explanation: TraceExplanation.explain(violation, steps: steps, program: program),
                     links: links.links)
    }

    private func makeStep(_ successor: Successor, number: Int) -> Trace.Step {
        let log = successor.log ?? EventLog()
        let line = log.location?.line ?? 0
        let column = log.location?.column ?? 0
        let function = log.function.map { program.functions[$0].name } ?? "?"
        return Trace.Step(number: number, cpu: successor.action.cpu, context: ContextKind(rawValue: log.contextLevel) ?? .task,
                          function: function, line: line, column: column, sourceText: program.file.lineText(line).split(whereSeparator: \.isWhitespace).joined(separator: " "),
                          events: log.events, kernelEvents: log.kernelEvents)
    }
}

/// Where each store still in a store buffer was made, so that the step in
/// which it reaches memory shows the source line that stored it.
private struct BufferedStores {
    private var origins: [Int: [Trace.Step]] = [:]

    /// Gives a memory model's step the place of the store it writes back,
    /// and keeps the place of every store a step buffers.
    mutating func place(_ step: inout Trace.Step, isMemoryModelStep: Bool) {
        for event in step.kernelEvents {
            switch event {
            case .storeBuffered(let cpu):
                origins[cpu, default: []].append(step)
            case .storeReachedMemory(let cpu):
                guard var queue = origins[cpu], !queue.isEmpty else { continue }
                let origin = queue.removeFirst()
                origins[cpu] = queue
                if isMemoryModelStep {
                    step.context = origin.context
                    step.function = origin.function
                    step.line = origin.line
                    step.column = origin.column
                    step.sourceText = origin.sourceText
                }
            default:
                break
            }
        }
    }
}
