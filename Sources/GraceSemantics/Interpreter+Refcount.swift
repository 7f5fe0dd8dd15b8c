import GraceFrontend

/// refcount_t as include/linux/refcount.h has it: a count that refuses to
/// go from 0 to 1 (the object is being freed), below 0 or past INT_MAX.
/// The kernel then saturates the count at REFCOUNT_SATURATED and warns
/// (refcount_warn_saturate(), a WARN_ONCE); here the warning is the
/// violation. Each operation is one update of the count through the memory
/// model, in the kernel's ordering: increments relaxed, decrements release,
/// and a refcount_dec_and_test() that reaches 0 acquire too
/// (smp_acquire__after_ctrl_dep(), a read barrier).
extension Interpreter {
    func executeRefcount(_ operation: RefcountOperation, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let pointer = pop(&state, context: step.context, values: values)
        var warning: String?
        let saturated = KernelStructs.Refcount.saturated
        let ordering: RMWOrdering = operation == .increment || operation == .incrementNotZero ? .relaxed : .release
        let result = try update(pointer, ordering, &state, &step) { old in
            switch operation {
            case .increment, .incrementNotZero:
                if old == 0 {
                    if operation == .incrementNotZero { return nil }
                    warning = "addition on 0; use-after-free"
                    return saturated
                }
                if old < 0 || old == Int64(Int32.max) {
                    warning = "saturated; leaking memory"
                    return saturated
                }
                return old + 1
            case .decrementAndTest:
                if old <= 0 {
                    warning = "underflow; use-after-free"
                    return saturated
                }
                return old - 1
            case .decrement:
                if old <= 1 {
                    warning = "decrement hit 0; leaking memory"
                    return saturated
                }
                return old - 1
            }
        }
        if let warning {
            throw Violation(.warning, "refcount_t: \(warning) (\(symbols.cell(result.cell)) was \(result.old))", object: symbols.object(ofCell: result.cell))
        }
        switch operation {
        case .incrementNotZero: push(result.old != 0 ? 1 : 0, &state, context: step.context, values: values)
        case .decrementAndTest:
            let last = result.old == 1
            if last { memory.fence(.read, cpu: step.cpu, state: &state, step: &step) }
            push(last ? 1 : 0, &state, context: step.context, values: values)
        case .increment, .decrement: break
        }
        return .advanced
    }
}
