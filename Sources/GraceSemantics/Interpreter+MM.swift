import GraceFrontend

/// The reference counts of a struct mm_struct.
extension Interpreter {
    func executeMM(_ operation: MMOperation, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        let mm = pop(&state, context: context, values: values)
        let usersOffset = Int64(KernelStructs.MM.users)
        let countOffset = Int64(KernelStructs.MM.count)
        func adjust(_ offset: Int64, by delta: Int64) -> Result<Int64, Violation> {
            switch resolve(mm &+ offset, access: "update", state) {
            case .failure(let violation): return .failure(violation)
            case .success(let cell):
                let old = state[cell]
                if delta < 0 && old <= 0 { return .failure(Violation(.bug, "\(symbols.cell(cell)) dropped below zero")) }
                if delta > 0 && old == 0 && offset == countOffset { return .failure(Violation(.useAfterFree, "mmgrab of an mm whose mm_count is zero")) }
                state[cell] = old &+ delta
                step.note(.update, "\(symbols.cell(cell)): \(old) -> \(old &+ delta)")
                return .success(old &+ delta)
            }
        }
        func drop() -> Violation? {
            switch adjust(countOffset, by: -1) {
            case .failure(let violation): return violation
            case .success(0): return free(mm, expectingContents: false, &state, &step)
            case .success: return nil
            }
        }
        switch operation {
        case .grab:
            if case .failure(let violation) = adjust(countOffset, by: 1) { return .violation(violation) }
        case .get:
            if case .failure(let violation) = adjust(usersOffset, by: 1) { return .violation(violation) }
        case .drop:
            if let violation = drop() { return .violation(violation) }
        case .put:
            switch adjust(usersOffset, by: -1) {
            case .failure(let violation): return .violation(violation)
            case .success(0): if let violation = drop() { return .violation(violation) }
            case .success: break
            }
        case .getNotZero:
            switch resolve(mm &+ usersOffset, access: "update", state) {
            case .failure(let violation): return .violation(violation)
            case .success(let cell):
                let old = state[cell]
                if old != 0 { state[cell] = old &+ 1 }
                step.note(.update, "mmget_not_zero: \(symbols.cell(cell)) = \(old)\(old != 0 ? " -> \(old &+ 1)" : " (fails)")")
                push(old != 0 ? 1 : 0, &state, context: context, values: values)
            }
        }
        return .advanced
    }
}
