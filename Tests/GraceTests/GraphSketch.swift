import GraceSemantics

/// Builds execution graphs by hand for the consistency tests: events are
/// appended thread by thread in program order, each read names its write, and
/// coherence orders are set per location. Locations are small integers.
struct GraphSketch {
    var graph: ExecutionGraph

    init(threads: Int) {
        graph = ExecutionGraph(threadCount: threads)
    }

    @discardableResult
    mutating func write(_ thread: Int, _ location: Int, _ value: Int64, _ tag: EventTag = .once,
                        data: [EventID] = [], addr: [EventID] = [], ctrl: [EventID] = []) -> EventID {
        var event = Event.write(location, tag, value: value)
        event.dataDependencies = DependencySet(data.map { Int($0.index) })
        event.addressDependencies = DependencySet(addr.map { Int($0.index) })
        event.controlDependencies = DependencySet(ctrl.map { Int($0.index) })
        let id = graph.append(event, to: thread)
        graph.setCoherence((graph.coherence[location] ?? []) + [id], at: location)
        return id
    }

    /// A read of `location` from `source` (the initial write when nil).
    @discardableResult
    mutating func read(_ thread: Int, _ location: Int, from source: EventID? = nil, _ tag: EventTag = .once,
                       addr: [EventID] = []) -> EventID {
        var event = Event.read(location, tag)
        event.addressDependencies = DependencySet(addr.map { Int($0.index) })
        let id = graph.append(event, to: thread)
        graph.setReadsFrom(id, source ?? .initial(location))
        return id
    }

    @discardableResult
    mutating func fence(_ thread: Int, _ tag: EventTag, location: Int? = nil) -> EventID {
        graph.append(.fence(tag, location: location), to: thread)
    }

    /// An RMW: its read (from `source`) and its write of `value`, adjacent.
    @discardableResult
    mutating func rmw(_ thread: Int, _ location: Int, from source: EventID?, writing value: Int64,
                      readTag: EventTag = .once, writeTag: EventTag = .once) -> (read: EventID, write: EventID) {
        let read = self.read(thread, location, from: source, readTag)
        let write = self.write(thread, location, value, writeTag)
        graph[read].rmwPartner = Int(write.index)
        graph[write].rmwPartner = Int(read.index)
        graph[read].isAtomicInstruction = true
        graph[write].isAtomicInstruction = true
        return (read, write)
    }

    /// A fully ordered RMW, as LKMM represents `xchg()`: `F[mb]`, the pair, `F[mb]`.
    @discardableResult
    mutating func fullRMW(_ thread: Int, _ location: Int, from source: EventID?, writing value: Int64) -> (read: EventID, write: EventID) {
        fence(thread, .mb)
        let pair = rmw(thread, location, from: source, writing: value)
        fence(thread, .mb)
        return pair
    }

    /// spin_lock: a lock-read of 0 from `source` and a lock-write of 1.
    @discardableResult
    mutating func lock(_ thread: Int, _ location: Int, from source: EventID?) -> EventID {
        rmw(thread, location, from: source, writing: 1, readTag: .lockRead, writeTag: .lockWrite).write
    }

    @discardableResult
    mutating func unlock(_ thread: Int, _ location: Int) -> EventID {
        write(thread, location, 0, .unlock)
    }

    mutating func coherence(_ location: Int, _ writes: EventID...) {
        graph.setCoherence(writes, at: location)
    }

    /// The first axiom each model finds broken, nil where consistent.
    func verdicts() -> (sc: String?, tso: String?, lkmm: String?) {
        let relations = GraphRelations(graph)
        return (SCConsistency().violatedAxiom(in: relations), TSOConsistency().violatedAxiom(in: relations),
                LKMMConsistency().violatedAxiom(in: relations))
    }

    func lkmmFlags() -> [String] {
        LKMMConsistency().flags(of: GraphRelations(graph))
    }
}
