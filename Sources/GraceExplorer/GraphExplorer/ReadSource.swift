import GraceSemantics

/// Where a read takes its value from.
enum ReadSource {
    case write(EventID, Int64)
    /// A write not in the graph yet, of this value.
    case promise(Int64)

    var value: Int64 {
        switch self {
        case .write(_, let value), .promise(let value): return value
        }
    }

    var write: EventID? {
        if case .write(let id, _) = self { return id }
        return nil
    }
}
