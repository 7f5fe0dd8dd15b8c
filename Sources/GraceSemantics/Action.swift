/// What moves the machine from one state to the next.
public enum Action: Sendable, Hashable {
    /// The context on top of `cpu` runs one step, making `choices`.
    case step(cpu: Int, choices: [Int])
    /// Softirq interrupts `cpu` to run its next ready RCU callback.
    case softirq(cpu: Int)
    /// `cpu` takes its pending IPI in hardirq context.
    case ipi(cpu: Int)
    /// The memory model takes its transition `index` on `cpu` (a store
    /// buffer writing back its oldest store).
    case memoryModel(cpu: Int, index: Int)

    public var cpu: Int {
        switch self {
        case .step(let cpu, _), .softirq(let cpu), .ipi(let cpu), .memoryModel(let cpu, _): return cpu
        }
    }
}
