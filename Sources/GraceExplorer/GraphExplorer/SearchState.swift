import GraceSemantics

/// A node of the explorer's search: a partial execution graph and each
/// thread's machine state where its events stop.
public struct SearchState: Equatable, Sendable {
    var graph: ExecutionGraph
    var runners: [ThreadRunner]
    /// Reads that promised a value a write not yet in the graph will supply.
    var promises: [Promise] = []
    /// RMW writes without a coherence place yet: their reads' writes have none.
    var floating: [EventID] = []
    /// Pairs of await iterations (their reads, in order) that must not read
    /// from the same writes: an await that reads the same writes again blocks.
    var distinctIterations: [([EventID], [EventID])] = []
    /// The thread running now; the next one starts when it ends.
    var current: Int?
    /// The first violation a thread ran into; the thread stopped there.
    var violation: Violation?
    /// Whether the graph is a complete, consistent execution.
    var isComplete = false
    /// The flags the memory model raises on the complete execution.
    var flags: [String] = []

    public static func == (a: SearchState, b: SearchState) -> Bool {
        a.graph == b.graph && a.runners == b.runners && a.promises == b.promises && a.floating == b.floating
            && a.distinctIterations.elementsEqual(b.distinctIterations) { $0.0 == $1.0 && $0.1 == $1.1 }
            && a.current == b.current && a.violation == b.violation && a.isComplete == b.isComplete && a.flags == b.flags
    }

    /// Appends an event to `thread` and keeps its runner's event count.
    @discardableResult
    mutating func append(_ event: Event, to thread: Int) -> EventID {
        var located = event
        if let origin = runners[thread].origin {
            located.function = origin.function
            located.source = origin.location
        }
        let id = graph.append(located, to: thread)
        runners[thread].nextEvent = graph.threads[thread].count
        return id
    }
}

/// A read whose value a later write is to supply, and the writes added
/// since that could: which one does is chosen once the graph is complete,
/// for the choice changes no thread's behaviour, only consistency.
struct Promise: Equatable, Sendable {
    var read: EventID
    var candidates: [EventID] = []
}
