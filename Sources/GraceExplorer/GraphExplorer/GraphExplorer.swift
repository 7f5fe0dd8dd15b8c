import Dispatch
import GraceFrontend
import GraceSemantics

/// Explores the execution graphs of a litmus program under a memory model
/// (after GenMC: Kokologiannakis et al., "Truly stateless, optimal dynamic
/// partial order reduction", POPL 2022, adapted to load buffering).
///
/// Threads run their compiled code one after another, each up to its end,
/// and add their events to a graph. A read takes its value from a write
/// already in the graph, or promises a value a write still to come will
/// supply (`ValueDomains` bounds the values worth promising); each write
/// takes a place in coherence order and may keep promises of its value. The
/// memory model's checker prunes a graph as soon as it is inconsistent. Each
/// complete execution is reached by exactly one path: a read either names
/// its write or promises, and a promise is kept by exactly one later write.
///
/// Deterministic: threads, writes, promised values and coherence places are
/// all tried in a fixed order.
public struct GraphExplorer {
    let program: Program
    let checker: any ConsistencyChecker
    let options: CheckOptions
    let context: RunnerContext
    var domains: ValueDomains!
    /// The order threads run in (`ValueDomains.schedule`).
    private var schedule: [Int] = []
    var result = GraphExploration()
    private var start: UInt64 = 0
    /// Set once the exploration must stop: a violation, or a budget.
    private var done = false

    public init(program: Program, checker: any ConsistencyChecker, options: CheckOptions = CheckOptions()) {
        self.program = program
        self.checker = checker
        self.options = options
        context = RunnerContext(program: program)
    }

    /// Explores every execution; a violation or a budget ends it early.
    public mutating func run() -> GraphExploration {
        start = DispatchTime.now().uptimeNanoseconds
        if let primitive = GraphSupport.unsupportedPrimitive(in: program) {
            result.unsupported = "\(primitive) is not supported under \(checker.kind.rawValue) yet"
            return result
        }
        domains = ValueDomains(program: program, context: context)
        if let failure = domains.failure {
            result.inconclusive = failure
            return result
        }
        schedule = domains.schedule
        let graph = ExecutionGraph(threadCount: program.threads.count)
        let runners = program.threads.map { ThreadRunner(thread: $0, program: program) }
        explore(SearchState(graph: graph, runners: runners))
        if result.inconclusive == nil { result.verdict = verdict() }
        return result
    }

    private func verdict() -> Verdict {
        if let violation = result.violation { return .violation(violation.kind) }
        guard program.condition != nil else { return result.executions == 0 ? .deadlock : .pass }
        let considered = result.positive + result.negative
        if considered == 0 { return .deadlock }
        return result.positive == 0 ? .never : result.positive == considered ? .always : .sometimes
    }

    // MARK: Search

    /// Runs the current thread to its next event and tries every outcome of it.
    mutating func explore(_ state: SearchState) {
        guard !done else { return }
        result.graphsExplored += 1
        if result.graphsExplored & 1023 == 0, let reason = budgetExceeded() {
            result.inconclusive = reason
            done = true
            return
        }
        guard let thread = nextThread(state) else {
            complete(state)
            return
        }
        var next = state
        next.current = thread
        let request = next.runners[thread].next(context)
        handle(request, thread: thread, next)
    }

    /// The thread to run: the current one until it ends; then, so that
    /// promises are kept or broken soon, the first (in schedule order) that
    /// can still write a value some promise waits for; else the first.
    private func nextThread(_ state: SearchState) -> Int? {
        if let current = state.current, state.runners[current].status == .running { return current }
        let running = schedule.filter { state.runners[$0].status == .running }
        let waiting = state.promises.filter(\.candidates.isEmpty).map { state.graph[$0.read] }
        return running.first { thread in
            waiting.contains { domains.writable[thread][$0.location!]?.contains($0.value) == true }
        } ?? running.first
    }

    private func budgetExceeded() -> String? {
        if let limit = options.maxStates, result.graphsExplored >= limit {
            return "graph budget of \(limit) graphs exhausted"
        }
        if let limit = options.timeLimit {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if elapsed >= limit { return "time limit of \(limit) s reached after \(result.graphsExplored) graphs" }
        }
        return nil
    }

    mutating func stopExploring() { done = true }

    /// Continues with `state` unless the location its last step touched is
    /// already incoherent. The model's own axioms wait for the thread's end.
    mutating func continueIfCoherent(_ state: SearchState, at location: Int) {
        guard LocationCoherence.holds(at: location, in: state.graph) else { return }
        explore(state)
    }

    /// Continues with `state` unless its graph already breaks the model.
    mutating func continueIfConsistent(_ state: SearchState) {
        guard checker.violatedAxiom(in: GraphRelations(state.graph), complete: false) == nil else { return }
        explore(state)
    }

    /// Every thread has finished or stopped: each promise is kept by one of
    /// its candidate writes, in every way that keeps each location coherent.
    private mutating func complete(_ state: SearchState) {
        guard let promise = state.promises.first else {
            record(state)
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
            complete(next)
        }
    }

    /// A complete graph: an execution, if it is consistent.
    private mutating func record(_ state: SearchState) {
        guard !done, state.floating.isEmpty else { return }
        guard iterationsDiffer(state), let flags = checker.flagsIfConsistent(GraphRelations(state.graph)) else { return }
        if let violation = state.violation {
            result.violation = violation
            result.witness = state.graph
            done = true
            return
        }
        result.executions += 1
        if !flags.isEmpty { result.flags = Array(Set(result.flags).union(flags)).sorted() }
        if result.witness == nil { result.witness = state.graph }
        if let filter = program.filter, !evaluate(filter, state) { return }
        guard let condition = program.condition else { return }
        if evaluate(condition.proposition, state) {
            if result.positive == 0 { result.witness = state.graph }
            result.positive += 1
        } else {
            result.negative += 1
        }
    }

    /// Whether the await iterations that must differ do: the graph is
    /// complete, so every read has its write.
    private func iterationsDiffer(_ state: SearchState) -> Bool {
        state.distinctIterations.allSatisfy { first, second in
            zip(first, second).contains { state.graph[$0].readsFrom != state.graph[$1].readsFrom }
        }
    }

    // MARK: Final condition

    private func value(of location: CompiledLocation, _ state: SearchState) -> Int64 {
        switch location {
        case .memory(let cell):
            return state.graph.coherence[cell] != nil ? state.graph.finalValue(at: cell) : context.initialValue(of: cell)
        case .register(let thread, let slot):
            let locals = state.runners[thread].finalLocals
            return slot < locals.count ? locals[slot] : 0
        }
    }

    private func evaluate(_ proposition: CompiledProposition, _ state: SearchState) -> Bool {
        proposition.holds { value(of: $0, state) }
    }
}

