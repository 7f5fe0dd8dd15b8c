/// How far a running search has got, handed to a progress observer every
/// few thousand expansions. Observing never changes the search.
public struct SearchProgress: Sendable {
    /// States stored so far.
    public var states: Int
    /// States expanded so far.
    public var expanded: Int
    /// The deepest breadth-first layer reached.
    public var depth: Int
    /// Bytes held by the visited set and the depth table.
    public var memoryBytes: Int

    public init(states: Int, expanded: Int, depth: Int, memoryBytes: Int) {
        self.states = states
        self.expanded = expanded
        self.depth = depth
        self.memoryBytes = memoryBytes
    }
}
