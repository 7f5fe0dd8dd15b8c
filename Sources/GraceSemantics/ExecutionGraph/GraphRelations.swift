/// The base sets and relations of one execution graph over dense event
/// indices: what every memory model's axioms are built from. Initial writes
/// come first, one per location, then each thread's events in program order.
public struct GraphRelations: Sendable {
    public let graph: ExecutionGraph
    /// The number of events.
    public let size: Int
    /// Dense index to event id.
    public let ids: [EventID]
    /// The dense index of each thread's first event.
    public let threadStart: [Int]
    let kinds: [Event.Kind]
    let tags: [EventTag]
    let eventLocations: [Int?]
    let values: [Int64]

    // MARK: Sets
    public let reads: EventSet
    public let writes: EventSet
    public let fences: EventSet
    /// herd7's `IW`.
    public let initialWrites: EventSet
    /// herd7's `FW`: the co-last write of each location.
    public let finalWrites: EventSet
    /// herd7's `RMW`: the events of atomic read-modify-write instructions.
    public let atomicInstructions: EventSet

    // MARK: Relations
    /// Program order (strict, within a thread).
    public let po: Relation
    public let rf: Relation
    /// Coherence order (strict, transitive, initial write first).
    public let co: Relation
    /// From-reads: `rf^-1 ; co`.
    public let fr: Relation
    /// The read of each RMW (lock acquisitions included) to its write.
    public let rmw: Relation
    /// Same location (reflexive on accesses).
    public let loc: Relation
    /// Same thread (reflexive); initial writes are in no thread.
    public let int: Relation
    public let ext: Relation
    public let addr: Relation
    public let data: Relation
    public let ctrl: Relation

    public init(_ graph: ExecutionGraph) {
        self.graph = graph
        var ids: [EventID] = graph.locations.map(EventID.initial)
        var threadStart: [Int] = []
        for (thread, events) in graph.threads.enumerated() {
            threadStart.append(ids.count)
            for index in events.indices { ids.append(EventID(thread: thread, index: index)) }
        }
        let size = ids.count
        self.size = size
        self.ids = ids
        self.threadStart = threadStart
        let events = ids.map { graph[$0] }
        kinds = events.map(\.kind)
        tags = events.map(\.tag)
        eventLocations = events.map(\.location)
        values = events.map(\.value)
        let initialCount = graph.locations.count
        func index(_ id: EventID) -> Int {
            if let location = id.initialLocation { return graph.locations.firstIndex(of: location)! }
            return threadStart[Int(id.thread)] + Int(id.index)
        }

        var reads = EventSet(size: size), writes = EventSet(size: size), fences = EventSet(size: size)
        var atomic = EventSet(size: size)
        for (position, event) in events.enumerated() {
            switch event.kind {
            case .read: reads.insert(position)
            case .write: writes.insert(position)
            case .fence: fences.insert(position)
            }
            if event.isAtomicInstruction { atomic.insert(position) }
        }
        self.reads = reads
        self.writes = writes
        self.fences = fences
        atomicInstructions = atomic
        initialWrites = EventSet(size: size, 0..<initialCount)

        var po = Relation(size: size), int = Relation(size: size)
        var rmw = Relation(size: size), addr = Relation(size: size), data = Relation(size: size), ctrl = Relation(size: size)
        var rf = Relation(size: size), co = Relation(size: size), loc = Relation(size: size)
        var thread = Array(repeating: -1, count: size)
        for position in 0..<initialCount { int.insert(position, position) }
        for (t, start) in threadStart.enumerated() {
            let end = start + graph.threads[t].count
            for position in start..<end {
                thread[position] = t
                for other in start..<end {
                    int.insert(position, other)
                    if other > position { po.insert(position, other) }
                }
            }
        }
        var byLocation: [Int: [Int]] = [:]
        for position in 0..<size {
            if let location = eventLocations[position] { byLocation[location, default: []].append(position) }
        }
        for members in byLocation.values {
            for a in members { for b in members { loc.insert(a, b) } }
        }
        let ext = Relation.product(EventSet.all(size: size), EventSet.all(size: size)) - int
        var finalWrites = EventSet(size: size)
        for location in graph.locations {
            let order = graph.writes(at: location).map(index)
            for (position, earlier) in order.enumerated() {
                for later in order[(position + 1)...] { co.insert(earlier, later) }
            }
            finalWrites.insert(order.last!)
        }
        self.finalWrites = finalWrites
        for (position, event) in events.enumerated() where !ids[position].isInitial {
            let start = threadStart[thread[position]]
            if let source = event.readsFrom, event.kind == .read { rf.insert(index(source), position) }
            if let partner = event.rmwPartner, event.kind == .read { rmw.insert(position, start + partner) }
            for dependency in event.addressDependencies.indices { addr.insert(start + dependency, position) }
            for dependency in event.dataDependencies.indices { data.insert(start + dependency, position) }
            for dependency in event.controlDependencies.indices { ctrl.insert(start + dependency, position) }
        }
        self.po = po
        self.int = int
        self.ext = ext
        self.rmw = rmw
        self.addr = addr
        self.data = data
        self.ctrl = ctrl
        self.rf = rf
        self.co = co
        self.loc = loc
        fr = rf.inverse ⨾ co
    }

    /// The dense index of an event.
    public func index(of id: EventID) -> Int {
        if let location = id.initialLocation { return graph.locations.firstIndex(of: location)! }
        return threadStart[Int(id.thread)] + Int(id.index)
    }

    /// The events carrying `tag`.
    public func events(tagged tag: EventTag) -> EventSet {
        var result = EventSet(size: size)
        for position in 0..<size where tags[position] == tag && !initialWrites.contains(position) { result.insert(position) }
        return result
    }

    /// The events carrying any of `tags`.
    public func events(tagged tags: EventTag...) -> EventSet {
        tags.reduce(EventSet(size: size)) { $0 | events(tagged: $1) }
    }

    /// herd7's `M`: reads and writes.
    public var accesses: EventSet { reads | writes }

    /// herd7's `fencerel(S)`: `po ; [S] ; po`.
    public func fenceRelation(_ fence: EventSet) -> Relation {
        po.restricted(to: fence) ⨾ po
    }

    public var identity: Relation { Relation.identity(size: size) }

    /// linux-kernel.bell's `srcu-rscs`: each srcu_read_lock to the unlock that
    /// carries its index back, on the same srcu_struct.
    /// `let carry-srcu-data = (data ; [~ Srcu-unlock] ; rf)*`,
    /// `let srcu-rscs = ([Srcu-lock] ; carry-srcu-data ; data ; [Srcu-unlock]) & loc`
    public var srcuReadSideSections: Relation {
        let unlocks = events(tagged: .srcuUnlock)
        let carrySRCUData = (data.restricted(to: ~unlocks) ⨾ rf).reflexiveTransitiveClosure
        return (carrySRCUData ⨾ data).restricted(from: events(tagged: .srcuLock), to: unlocks) & loc
    }

    /// herd7's `different-values(r)`.
    public func differentValues(_ relation: Relation) -> Relation {
        var result = Relation(size: size)
        for (a, b) in relation.pairs where values[a] != values[b] { result.insert(a, b) }
        return result
    }
}
