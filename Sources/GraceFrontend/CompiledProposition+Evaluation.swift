extension CompiledProposition {
    /// Whether the proposition holds when each location has the value
    /// `value` gives it: the state explorer reads its final state, the
    /// graph explorer a complete execution.
    public func holds(_ value: (CompiledLocation) -> Int64) -> Bool {
        switch self {
        case .constant(let truth): return truth
        case .compare(let location, let equal, let constant): return (value(location) == constant) == equal
        case .compareLocations(let left, let equal, let right): return (value(left) == value(right)) == equal
        case .and(let a, let b): return a.holds(value) && b.holds(value)
        case .or(let a, let b): return a.holds(value) || b.holds(value)
        case .not(let inner): return !inner.holds(value)
        }
    }
}
