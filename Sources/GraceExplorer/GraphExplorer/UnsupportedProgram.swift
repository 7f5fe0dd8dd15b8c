/// A program the graph explorer does not model: why.
public struct UnsupportedProgram: Error, Sendable {
    public var reason: String
}
