import GraceSemantics

/// A value of a thread's computation with the reads it derives from: the
/// indices, in the thread's program order, of the read events whose values
/// flowed into it through locals and arithmetic.
struct TaintedValue: Hashable, Sendable {
    var value: Int64
    var dependencies: DependencySet

    init(_ value: Int64, _ dependencies: DependencySet = DependencySet()) {
        self.value = value
        self.dependencies = dependencies
    }
}
