import GraceFrontend

/// struct mutex: a sleeping lock owned by the context that takes it. A
/// holder may sleep, is no RCU reader and holds no spinlock; taking the
/// mutex may sleep, so it is not allowed in atomic context.
extension Interpreter {
    /// The mutex operation on the owner word at `cell`, which executeLock
    /// has resolved.
    func executeMutex(_ operation: LockOperation, cell: Int, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        let name = symbols.cell(cell)
        let owner = memory.load(cell: cell, ordering: .once, cpu: step.cpu, state: &state)
        let token = holderToken(step)
        switch operation {
        case .mutexLock:
            if let violation = sleepingInAtomic(step, state, what: "mutex_lock(\(name))") { return .violation(violation) }
            if owner == token {
                return .violation(Violation(.deadlock, "\(name) is taken again by the context that holds it (AA deadlock)", object: symbols.object(ofCell: cell)))
            }
            guard owner == 0 else { return .blocked }
            memory.store(cell: cell, value: token, ordering: .acquire, cpu: step.cpu, state: &state)
            step.note(.lock, "mutex_lock \(name)")
        case .mutexTryLock:
            if step.level != ContextKind.task.rawValue {
                return .violation(Violation(.sleepInAtomic, "mutex_trylock(\(name)) in \(ContextKind(rawValue: step.level)!.name) context: a mutex is for task context only"))
            }
            let acquired = owner == 0
            if acquired { memory.store(cell: cell, value: token, ordering: .acquire, cpu: step.cpu, state: &state) }
            step.note(.lock, "mutex_trylock \(name) \(acquired ? "succeeds" : "fails")")
            push(acquired ? 1 : 0, &state, context: context, values: values)
        default:
            guard owner == token else {
                let holder = owner == 0 ? "it is not held" : "it is held by \(describeHolder(owner))"
                return .violation(Violation(.unlockUnheld, "mutex_unlock of \(name), but \(holder)", object: symbols.object(ofCell: cell)))
            }
            memory.store(cell: cell, value: 0, ordering: .release, cpu: step.cpu, state: &state)
            step.note(.unlock, "mutex_unlock \(name)")
        }
        return .advanced
    }
}
