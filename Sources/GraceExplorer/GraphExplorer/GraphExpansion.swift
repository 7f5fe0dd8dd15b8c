import GraceFrontend
import GraceSemantics

/// One step of `ExecutionGraphSystem` from one state: runs the current
/// thread to its next event and collects every successor it can lead to,
/// leaving out those whose graph is already incoherent or inconsistent.
struct GraphExpansion {
    let system: ExecutionGraphSystem
    private(set) var successors: [(thread: Int, state: SearchState, violation: Violation?)] = []
    /// A limit of Grace the step ran into (an await that may loop without bound).
    var limit: String?

    init(system: ExecutionGraphSystem) {
        self.system = system
    }

    var program: Program { system.program }
    var checker: any ConsistencyChecker { system.checker }
    var context: RunnerContext { system.context }
    var domains: ValueDomains { system.domains }

    mutating func expand(_ state: SearchState) {
        guard !state.isComplete else { return }
        guard let thread = nextThread(state) else {
            complete(state)
            return
        }
        var next = state
        next.current = thread
        if let write = next.runners[thread].queuedBy {
            startCallback(thread, queuedBy: write, next)
            return
        }
        let request = next.runners[thread].next(context)
        handle(request, thread: thread, next)
    }

    /// A successor of the state being expanded.
    mutating func emit(_ state: SearchState) {
        successors.append((state.current ?? 0, state, nil))
    }

    /// The thread to run: the current one until it ends; then, so that
    /// promises are kept or broken soon, the first (in schedule order) that
    /// can still write a value some promise waits for; else the first.
    private func nextThread(_ state: SearchState) -> Int? {
        if let current = state.current, state.runners[current].status == .running { return current }
        // RCU callback threads, created while exploring, come after the
        // program's, in the order they were queued.
        let order = system.schedule + Array(program.threads.count..<state.runners.count)
        let running = order.filter { state.runners[$0].status == .running }
        let waiting = state.promises.filter(\.candidates.isEmpty).map { state.graph[$0.read] }
        return running.first { thread in
            waiting.contains { domains.values(writtenBy: thread, at: $0.location!)?.contains($0.value) == true }
        } ?? running.first
    }

    /// Goes on with `state` unless the location its last step touched is
    /// already incoherent. The model's own axioms wait for the thread's end.
    mutating func continueIfCoherent(_ state: SearchState, at location: Int) {
        guard LocationCoherence.holds(at: location, in: state.graph) else { return }
        emit(state)
    }

    /// Goes on with `state` unless its graph already breaks the model.
    mutating func continueIfConsistent(_ state: SearchState) {
        guard checker.violatedAxiom(in: GraphRelations(state.graph), complete: false) == nil else { return }
        emit(state)
    }

    /// Every thread has finished or stopped: the first promise is kept by
    /// each of its candidate writes that keeps its location coherent; with
    /// none left, the graph is complete.
    private mutating func complete(_ state: SearchState) {
        guard let promise = state.promises.first else {
            completeExecution(state)
            return
        }
        let writes = state.graph[promise.read].rmwPartner != nil
        for candidate in promise.candidates where !(writes && isTakenByRMW(candidate, in: state.graph)) {
            var next = state
            next.promises.removeFirst()
            next.graph.setReadsFrom(promise.read, candidate)
            if !next.floating.isEmpty, next.graph.coherence[next.graph[candidate].location!]!.contains(candidate) || candidate.isInitial {
                settle(&next, after: candidate)
            }
            guard LocationCoherence.holds(at: next.graph[candidate].location!, in: next.graph) else { continue }
            emit(next)
        }
    }

    /// A complete graph is an execution if it is consistent: the final
    /// state, with its flags, reached by a step that reports the violation a
    /// thread ran into, if one did.
    private mutating func completeExecution(_ state: SearchState) {
        let relations = GraphRelations(state.graph)
        guard state.floating.isEmpty, iterationsDiffer(state),
              var flags = checker.flagsIfConsistent(relations) else { return }
        var final = state
        for (thread, runner) in state.runners.enumerated() {
            guard let lock = runner.blockedLock else { continue }
            // Released in the end: the thread could have taken it, in
            // another execution; this one is not an outcome.
            guard let holder = state.graph.coherence[lock]?.last, state.graph.finalValue(at: lock) != 0 else { return }
            if final.violation == nil {
                var violation = Violation(.deadlock, "P\(thread) spins on \(context.cellName(lock)) for ever, held by P\(holder.thread), which never releases it")
                violation.location = runner.origin?.location
                violation.function = runner.origin.map { program.functions[$0.function].name }
                final.violation = violation
            }
        }
        if let racing = flags.firstIndex(of: "use-after-free") {
            flags.remove(at: racing)
            if final.violation == nil, let race = checker.lifetimeRace(in: relations) { final.violation = raceViolation(race, in: state.graph) }
        }
        final.isComplete = true
        final.flags = flags
        successors.append((state.current ?? 0, final, final.violation))
    }

    /// Whether the await iterations that must differ do: the graph is
    /// complete, so every read has its write.
    private func iterationsDiffer(_ state: SearchState) -> Bool {
        state.distinctIterations.allSatisfy { first, second in
            zip(first, second).contains { state.graph[$0].readsFrom != state.graph[$1].readsFrom }
        }
    }
}
