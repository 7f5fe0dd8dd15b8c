import GraceSemantics

extension Event {
    mutating func set(_ dependencies: EventDependencies) {
        addressDependencies = dependencies.address
        dataDependencies = dependencies.data
        controlDependencies = dependencies.control
    }

    /// A read's dependencies: its address and the branches around it.
    mutating func address(_ dependencies: EventDependencies) {
        addressDependencies = dependencies.address
        controlDependencies = dependencies.control
    }
}
