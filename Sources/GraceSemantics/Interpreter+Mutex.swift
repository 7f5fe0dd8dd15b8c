import GraceFrontend

/// struct mutex: a sleeping lock owned by the context that takes it. A
/// holder may sleep, is no RCU reader and holds no spinlock; taking the
/// mutex may sleep, so it is not allowed in atomic context. Each operation
/// is one update of the owner word through the memory model.
extension Interpreter {
    /// The mutex operation on the owner word at `cell`, which executeLock
    /// has resolved.
    func executeMutex(_ operation: LockOperation, cell: Int, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        let name = symbols.cell(cell)
        let token = holderToken(step)
        switch operation {
        case .mutexLock:
            if let violation = sleepingInAtomic(step, state, what: "mutex_lock(\(name))") { throw violation }
            let taken = update(cell: cell, .acquire, as: .lockWord, noted: false, &state, &step) { $0 == 0 ? token : nil }
            guard taken.new != nil else {
                if taken.old == token {
                    throw Violation(.deadlock, "\(name) is taken again by the context that holds it (AA deadlock)", object: symbols.object(ofCell: cell))
                }
                return .blocked
            }
            step.note(.lock, "mutex_lock \(name)")
        case .mutexTryLock:
            if step.level != ContextKind.task.rawValue {
                throw Violation(.sleepInAtomic, "mutex_trylock(\(name)) in \(ContextKind(rawValue: step.level)!.name) context: a mutex is for task context only")
            }
            let acquired = update(cell: cell, .acquire, as: .lockWord, noted: false, &state, &step) { $0 == 0 ? token : nil }.new != nil
            step.note(.lock, "mutex_trylock \(name) \(acquired ? "succeeds" : "fails")")
            push(acquired ? 1 : 0, &state, context: context, values: values)
        default:
            let released = update(cell: cell, .release, as: .lockWord, noted: false, &state, &step) { $0 == token ? 0 : nil }
            guard released.new != nil else {
                let holder = released.old == 0 ? "it is not held" : "it is held by \(describeHolder(released.old))"
                throw Violation(.unlockUnheld, "mutex_unlock of \(name), but \(holder)", object: symbols.object(ofCell: cell))
            }
            step.note(.unlock, "mutex_unlock \(name)")
        }
        return .advanced
    }
}
