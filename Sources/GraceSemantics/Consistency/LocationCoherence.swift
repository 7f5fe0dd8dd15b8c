/// The per-location axioms every model shares, checked on one location
/// straight from the graph: coherence (`acyclic po-loc | rf | co | fr`,
/// SC per location) and RMW atomicity (`empty rmw & (fre ; coe)`). Cheap
/// enough to run after every event, so the explorer prunes incoherent
/// graphs early and runs a model's full axioms less often.
public enum LocationCoherence {
    public static func holds(at location: Int, in graph: ExecutionGraph) -> Bool {
        var events: [EventID] = [.initial(location)]
        for (thread, threadEvents) in graph.threads.enumerated() {
            for (index, event) in threadEvents.enumerated() where event.location == location && event.kind != .fence {
                events.append(EventID(thread: thread, index: index))
            }
        }
        let order = graph.writes(at: location)
        func position(_ write: EventID) -> Int? { order.firstIndex(of: write) }
        func slot(_ id: EventID) -> Int? { events.firstIndex(of: id) }
        var relation = Relation(size: events.count)
        for (a, first) in events.enumerated() {
            for (b, second) in events.enumerated() where a < b && !first.isInitial && first.thread == second.thread {
                relation.insert(a, b)
            }
        }
        for (index, id) in events.enumerated() {
            let event = graph[id]
            if event.isWrite, let rank = position(id) {
                if rank + 1 < order.count, let next = slot(order[rank + 1]) { relation.insert(index, next) }
            }
            guard event.isRead, let source = event.readsFrom, let sourceRank = position(source) else { continue }
            if let from = slot(source) { relation.insert(from, index) }
            if sourceRank + 1 < order.count, let next = slot(order[sourceRank + 1]) { relation.insert(index, next) }
            // Atomicity: no other thread's write between what an RMW reads and what it writes.
            if let partner = event.rmwPartner, !id.isInitial {
                let write = EventID(thread: Int(id.thread), index: partner)
                if let writeRank = position(write), writeRank > sourceRank + 1,
                   order[(sourceRank + 1)..<writeRank].contains(where: { $0.thread != id.thread }) {
                    return false
                }
            }
        }
        return relation.isAcyclic
    }
}
