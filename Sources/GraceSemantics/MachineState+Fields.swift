import GraceFrontend

/// The words of a CPU, context or queue-entry block by field, and the typed
/// words of a context; the enums' raw values are what the state stores.
extension MachineState {
    @inline(__always)
    public subscript(_ cpu: Int, _ field: CPUField) -> Int64 {
        get { self[cpu + field.rawValue] }
        set { self[cpu + field.rawValue] = newValue }
    }

    @inline(__always)
    public subscript(_ context: Int, _ field: ContextField) -> Int64 {
        get { self[context + field.rawValue] }
        set { self[context + field.rawValue] = newValue }
    }

    @inline(__always)
    public subscript(_ entry: Int, _ field: QueueField) -> Int64 {
        get { self[entry + field.rawValue] }
        set { self[entry + field.rawValue] = newValue }
    }

    @inline(__always)
    public subscript(status context: Int) -> ContextStatus {
        get { ContextStatus(rawValue: self[context, .status]) ?? .inactive }
        set { self[context, .status] = newValue.rawValue }
    }

    @inline(__always)
    public subscript(waitKind context: Int) -> WaitKind {
        get { WaitKind(rawValue: self[context, .waitKind]) ?? .notWaiting }
        set { self[context, .waitKind] = newValue.rawValue }
    }
}
