/// Names one event of an execution graph: the thread that performed it and
/// its position in that thread's program order. Initial writes belong to no
/// thread; each is named by the location it initialises.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var thread: UInt16
    public var index: UInt32

    /// The pseudo-thread of initial writes.
    public static let initialThread = UInt16.max

    public init(thread: Int, index: Int) {
        precondition(thread >= 0 && thread < Int(Self.initialThread), "[grace internal bug] thread \(thread) out of range")
        self.thread = UInt16(thread)
        self.index = UInt32(index)
    }

    /// The initial write of `location`.
    public static func initial(_ location: Int) -> EventID {
        var id = EventID(thread: 0, index: location)
        id.thread = initialThread
        return id
    }

    public var isInitial: Bool { thread == Self.initialThread }

    /// The location an initial write initialises.
    public var initialLocation: Int? { isInitial ? Int(index) : nil }

    public static func < (a: EventID, b: EventID) -> Bool {
        (a.thread, a.index) < (b.thread, b.index)
    }

    public var description: String {
        isInitial ? "init(\(index))" : "P\(thread).\(index)"
    }
}
