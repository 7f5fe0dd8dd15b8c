/// An execution as a graph (herd7's candidate execution, GenMC's execution
/// graph): each thread's events in program order, the initial write of every
/// location touched, the write each read reads from (rf), and per location the
/// coherence order of its writes (co). The remaining relations (po, fr, rmw,
/// addr, data, ctrl, ...) follow from these; `GraphRelations` computes them.
public struct ExecutionGraph: Sendable, Hashable {
    /// `threads[t]` holds thread `t`'s events in program order.
    public private(set) var threads: [[Event]]
    /// Initial values that are not zero, by location.
    public private(set) var initialValues: [Int: Int64] = [:]
    /// Every location some event touches or that has an initial value, ascending.
    public private(set) var locations: [Int] = []
    /// Per location, its writes in coherence order after the initial write.
    public private(set) var coherence: [Int: [EventID]] = [:]

    public init(threadCount: Int) {
        threads = Array(repeating: [], count: threadCount)
    }

    public var threadCount: Int { threads.count }

    /// Adds a thread with no events yet (an RCU callback's); returns its index.
    public mutating func addThread() -> Int {
        threads.append([])
        return threads.count - 1
    }

    public mutating func setInitialValue(_ value: Int64, at location: Int) {
        initialValues[location] = value == 0 ? nil : value
        touch(location)
    }

    public func initialValue(at location: Int) -> Int64 {
        initialValues[location] ?? 0
    }

    private mutating func touch(_ location: Int) {
        guard coherence[location] == nil else { return }
        coherence[location] = []
        let position = locations.firstIndex { $0 > location } ?? locations.count
        locations.insert(location, at: position)
    }

    /// Appends an event to the end of `thread`'s program order.
    @discardableResult
    public mutating func append(_ event: Event, to thread: Int) -> EventID {
        if let location = event.location { touch(location) }
        threads[thread].append(event)
        return EventID(thread: thread, index: threads[thread].count - 1)
    }

    /// The event `id` names; an initial write for an initial id.
    public subscript(id: EventID) -> Event {
        _read {
            if let location = id.initialLocation {
                yield Event(kind: .write, tag: .plain, location: location, value: initialValue(at: location))
            } else {
                yield threads[Int(id.thread)][Int(id.index)]
            }
        }
        set {
            precondition(!id.isInitial, "[grace internal bug] initial writes are not edited")
            threads[Int(id.thread)][Int(id.index)] = newValue
        }
    }

    /// Makes `read` read from `write`, taking the written value.
    public mutating func setReadsFrom(_ read: EventID, _ write: EventID) {
        self[read].readsFrom = write
        self[read].value = self[write].value
    }

    /// Puts `write` at `position` in its location's coherence order, counted
    /// after the initial write (0: right after it).
    public mutating func insertInCoherence(_ write: EventID, at position: Int) {
        guard let location = self[write].location else { preconditionFailure("[grace internal bug] a write without a location") }
        touch(location)
        coherence[location]!.insert(write, at: position)
    }

    /// Sets a location's whole coherence order (after its initial write).
    public mutating func setCoherence(_ writes: [EventID], at location: Int) {
        touch(location)
        coherence[location] = writes
    }

    /// The writes of `location` in coherence order, its initial write first.
    public func writes(at location: Int) -> [EventID] {
        [EventID.initial(location)] + (coherence[location] ?? [])
    }

    /// The value the execution leaves in `location`: that of its co-last write.
    public func finalValue(at location: Int) -> Int64 {
        guard let last = coherence[location]?.last else { return initialValue(at: location) }
        return self[last].value
    }
}
