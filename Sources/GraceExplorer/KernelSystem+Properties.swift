import GraceFrontend
import GraceSemantics

extension KernelSystem {
    /// What a model is checked for: the invariants its steps check, that it
    /// cannot deadlock, and its final condition, if it has one.
    public var properties: [any Property<Self>] {
        var properties: [any Property<Self>] = [StepInvariants(), DeadlockFreedom()]
        if let condition = program.condition {
            properties.append(FinalCondition<Memory>(condition, filter: program.filter))
        }
        return properties
    }
}
