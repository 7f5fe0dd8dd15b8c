import GraceFrontend
import GraceSemantics

/// A litmus program's execution graphs under a memory model, as a
/// transition system (after GenMC: Kokologiannakis et al., "Truly
/// stateless, optimal dynamic partial order reduction", POPL 2022, adapted
/// to load buffering).
///
/// A state is a partial graph and each thread's machine state where its
/// events stop. A step runs one thread to its next event and adds it: a read
/// takes its value from a write already in the graph, or promises a value a
/// write still to come will supply (`ValueDomains` bounds the values worth
/// promising); a write takes a place in coherence order and may keep
/// promises of its value. The memory model's checker leaves out every
/// successor whose graph it already rejects. Once every thread has stopped,
/// steps keep the promises, and a last step completes the execution if it is
/// consistent: that state is final, and a thread's violation is reported on
/// the step into it. Each complete execution is reached by exactly one path,
/// so a search needs no visited set.
///
/// Deterministic: threads, writes, promised values and coherence places are
/// all tried in a fixed order.
public struct ExecutionGraphSystem: TransitionSystem {
    /// The thread a step ran and which of that expansion's successors it is.
    public struct Action: Hashable, Sendable {
        public var thread: Int
        public var choice: Int
    }

    let program: Program
    let checker: any ConsistencyChecker
    let context: RunnerContext
    let domains: ValueDomains
    /// The order threads run in (`ValueDomains.schedule`).
    let schedule: [Int]
    /// Why the graph explorer cannot run the program: a kernel primitive it
    /// does not model yet, by name and line.
    public let unsupported: String?

    /// `deadline` bounds the exploration of what each thread can write,
    /// before the search.
    public init(program: Program, checker: any ConsistencyChecker, deadline: SearchDeadline? = nil) {
        self.program = program
        self.checker = checker
        context = RunnerContext(program: program)
        let kind = checker.kind.rawValue
        unsupported = GraphSupport.unsupportedPrimitive(in: program).map { "\($0) is not supported under \(kind) yet" }
            ?? GraphSupport.unjudgedDeadlock(in: program).map { "\($0) is not judged under \(kind) yet" }
        domains = unsupported == nil ? ValueDomains(program: program, context: context, deadline: deadline ?? .none) : ValueDomains()
        schedule = domains.failure == nil ? domains.schedule : []
    }

    public var memoryModel: MemoryModelKind { checker.kind }

    public func initialState() -> (SearchState, Outcome) {
        let state = SearchState(graph: ExecutionGraph(threadCount: program.threads.count),
                                runners: program.threads.map { ThreadRunner(thread: $0, program: program) })
        if let failure = domains.failure { return (state, .limitReached(failure)) }
        return (state, .advanced)
    }

    @discardableResult
    public func forEachSuccessor(of state: SearchState, scratch: inout SearchState, _ body: (Action, SearchState, Violation?) -> Void) -> Expansion {
        var expansion = GraphExpansion(system: self)
        expansion.expand(state)
        for (choice, successor) in expansion.successors.enumerated() {
            body(Action(thread: successor.thread, choice: choice), successor.state, successor.violation)
        }
        var result = Expansion()
        result.count = expansion.successors.count
        result.limit = expansion.limit
        return result
    }

    public func cpu(of action: Action) -> Int { action.thread }

    public func isFinal(_ state: SearchState) -> Bool { state.isComplete }

    public func describeStuck(_ state: SearchState) -> String {
        "no consistent execution extends this graph"
    }

    /// The graph explorer records no footprints: its search needs no
    /// partial-order reduction beyond the graphs themselves.
    public func footprint(of state: SearchState, via action: Action) -> Footprint? { nil }

    public func trace(following ordinals: [Int], to violation: Violation) -> Trace {
        var state = initialState().0
        var scratch = state
        for ordinal in ordinals {
            var next: SearchState?
            forEachSuccessor(of: state, scratch: &scratch) { action, successor, _ in
                if action.choice == ordinal { next = successor }
            }
            guard let next else { preconditionFailure("[grace internal bug] the graph explorer's path vanished on replay") }
            state = next
        }
        return GraphTrace.make(state.graph, violation: violation, context: context)
    }

    // MARK: Final condition

    func value(of location: CompiledLocation, in state: SearchState) -> Int64 {
        switch location {
        case .memory(let cell):
            return state.graph.coherence[cell] != nil ? state.graph.finalValue(at: cell) : context.initialValue(of: cell)
        case .register(let thread, let slot):
            let locals = state.runners[thread].finalLocals
            return slot < locals.count ? locals[slot] : 0
        }
    }

    func evaluate(_ proposition: CompiledProposition, in state: SearchState) -> Bool {
        proposition.holds { value(of: $0, in: state) }
    }
}
