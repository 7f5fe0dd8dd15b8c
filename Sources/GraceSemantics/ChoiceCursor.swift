/// Replays and records the nondeterministic choices one step makes (which page
/// the allocator returns, whether an allocation fails). The explorer runs a
/// step once per choice vector; a step asks `choose(n)` and gets the forced
/// option, or 0 for a choice point not forced yet.
public struct ChoiceCursor: Sendable {
    public private(set) var taken: [Int]
    public private(set) var optionCounts: [Int] = []
    private var position = 0

    public init(forced: [Int] = []) {
        taken = forced
    }

    public mutating func choose(_ options: Int) -> Int {
        defer { position += 1 }
        if position < taken.count {
            optionCounts.append(options)
            return min(taken[position], options - 1)
        }
        taken.append(0)
        optionCounts.append(options)
        return 0
    }

    /// Choice vectors for the alternatives of every choice point this run
    /// added beyond the forced prefix, in a fixed order.
    public func alternatives(beyond forcedCount: Int) -> [[Int]] {
        var result: [[Int]] = []
        guard taken.count > forcedCount else { return result }
        for point in forcedCount..<taken.count where optionCounts[point] > 1 {
            for option in 1..<optionCounts[point] {
                result.append(Array(taken[0..<point]) + [option])
            }
        }
        return result
    }
}
