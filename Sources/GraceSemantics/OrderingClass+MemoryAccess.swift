import GraceFrontend

extension OrderingClass {
    /// The class of a load or store of the IR's ordering.
    public init(_ ordering: AccessOrdering) {
        switch ordering {
        case .plain: self = .plainAccess
        case .once: self = .relaxedAccess
        case .acquire: self = .acquire
        case .release: self = .release
        }
    }

    /// The class of an RMW of the IR's ordering; `succeeded` false gives
    /// the class of a failed conditional one.
    public init(_ ordering: RMWOrdering, succeeded: Bool) {
        guard succeeded else {
            self = .onSuccess(ordering)
            return
        }
        switch ordering {
        case .relaxed: self = .relaxedRMW
        case .acquire: self = .acquire
        case .release: self = .release
        case .full: self = .fullyOrdered
        }
    }
}
