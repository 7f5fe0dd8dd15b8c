import GraceFrontend

/// The reference counts of a struct mm_struct, each change one atomic
/// update of the count through the memory model: relaxed for the
/// increments (atomic_inc), fully ordered for the decrements that may free
/// (atomic_dec_and_test) and for mmget_not_zero when it succeeds.
extension Interpreter {
    func executeMM(_ operation: MMOperation, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        let mm = pop(&state, context: context, values: values)
        let usersOffset = Int64(KernelStructs.MM.users)
        let countOffset = Int64(KernelStructs.MM.count)
        func adjust(_ offset: Int64, by delta: Int64) throws(Violation) -> Int64 {
            let rmw = try update(mm &+ offset, delta > 0 ? .relaxed : .full, as: .mmCount, noted: false, &state, &step) { old in
                if delta < 0 && old <= 0 { return nil }
                if delta > 0 && old == 0 && offset == countOffset { return nil }
                return old &+ delta
            }
            guard let new = rmw.new else {
                if delta < 0 { throw Violation(.bug, "\(symbols.cell(rmw.cell)) dropped below zero") }
                throw Violation(.useAfterFree, "mmgrab of an mm whose mm_count is zero")
            }
            step.note(.update, "\(symbols.cell(rmw.cell)): \(rmw.old) -> \(new)")
            return new
        }
        func drop() throws(Violation) {
            if try adjust(countOffset, by: -1) == 0 { try free(mm, expectingContents: false, &state, &step) }
        }
        switch operation {
        case .grab:
            _ = try adjust(countOffset, by: 1)
        case .get:
            _ = try adjust(usersOffset, by: 1)
        case .drop:
            try drop()
        case .put:
            if try adjust(usersOffset, by: -1) == 0 { try drop() }
        case .getNotZero:
            let rmw = try update(mm &+ usersOffset, .full, as: .mmCount, noted: false, &state, &step) { old in old != 0 ? old &+ 1 : nil }
            step.note(.update, "mmget_not_zero: \(symbols.cell(rmw.cell)) = \(rmw.old)\(rmw.new != nil ? " -> \(rmw.old &+ 1)" : " (fails)")")
            push(rmw.new != nil ? 1 : 0, &state, context: context, values: values)
        }
        return .advanced
    }
}
