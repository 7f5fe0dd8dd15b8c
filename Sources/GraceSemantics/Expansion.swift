/// What expanding one state found, besides the successors themselves.
public struct Expansion: Sendable {
    /// How many successors there were.
    public var count = 0
    /// Why a step could not be explored: a limit of Grace, not a fact about
    /// the model. A search that meets one cannot pass the model.
    public var limit: String?

    public init() {}
}
