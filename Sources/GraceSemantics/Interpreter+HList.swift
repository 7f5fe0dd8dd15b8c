import GraceFrontend

/// hlists (include/linux/list.h): a head holds `first`, a node `next` and
/// `pprev`, the address of the pointer that points at the node. Each
/// operation is one step; the _rcu forms leave `next` of a deleted node for
/// the readers still on it.
extension Interpreter {
    private enum HListError: Error {
        case violation(Violation)
    }

    private func load(_ pointer: Int64, _ state: inout MachineState, _ step: Step) throws(HListError) -> Int64 {
        switch resolve(pointer, access: "hlist read", state) {
        case .failure(let violation): throw .violation(violation)
        case .success(let cell): return memory.load(cell: cell, ordering: .once, cpu: step.cpu, state: &state)
        }
    }

    private func store(_ pointer: Int64, _ value: Int64, _ state: inout MachineState, _ step: inout Step) throws(HListError) {
        switch resolve(pointer, access: "hlist write", state) {
        case .failure(let violation): throw .violation(violation)
        case .success(let cell):
            if let violation = checkQueuedHeadWrite(cell, state) { throw .violation(violation) }
            memory.store(cell: cell, value: value, ordering: .once, cpu: step.cpu, state: &state)
            step.note(.write, "write \(symbols.cell(cell)) = \(symbols.value(value, in: cell))", object: symbols.object(ofCell: cell))
        }
    }

    private func nodeName(_ node: Int64) -> String {
        symbols.value(node, pointee: .aggregate(TypeTable.hlistNode))
    }

    private func corruption(_ message: String, _ node: Int64) -> HListError {
        .violation(Violation(.listCorruption, message, object: ValueEncoding.object(of: node)))
    }

    /// A node is hashed when the pointer its pprev names points back at it.
    private func isHashed(_ node: Int64, _ state: inout MachineState, _ step: Step) throws(HListError) -> Bool {
        let pprev = try load(node &+ Int64(KernelStructs.HListNode.pprev), &state, step)
        guard pprev != 0, pprev != ValueEncoding.listPoison2, ValueEncoding.object(of: pprev) != nil else { return false }
        return try load(pprev, &state, step) == node
    }

    func executeHList(_ operation: ListOperation, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        let nextField = Int64(KernelStructs.HListNode.next)
        let pprevField = Int64(KernelStructs.HListNode.pprev)
        do throws(HListError) {
            switch operation {
            case .hlistAddHead, .hlistAddHeadRCU:
                let head = pop(&state, context: context, values: values)
                let node = pop(&state, context: context, values: values)
                let name = operation == .hlistAddHead ? "hlist_add_head" : "hlist_add_head_rcu"
                if try isHashed(node, &state, step) {
                    throw corruption("\(name) of \(nodeName(node)), which is already on an hlist", node)
                }
                let firstField = head &+ Int64(KernelStructs.HListHead.first)
                let first = try load(firstField, &state, step)
                try store(node &+ nextField, first, &state, &step)
                try store(node &+ pprevField, firstField, &state, &step)
                try store(firstField, node, &state, &step)
                if first != 0 { try store(first &+ pprevField, node &+ nextField, &state, &step) }
            case .hlistDelete, .hlistDeleteRCU, .hlistDeleteInit:
                let node = pop(&state, context: context, values: values)
                let name = operation == .hlistDelete ? "hlist_del" : operation == .hlistDeleteRCU ? "hlist_del_rcu" : "hlist_del_init"
                let pprev = try load(node &+ pprevField, &state, step)
                if pprev == ValueEncoding.listPoison2 {
                    throw corruption("\(name) of \(nodeName(node)), which was already deleted (poisoned)", node)
                }
                if pprev == 0 {
                    if operation == .hlistDeleteInit { break }
                    throw corruption("\(name) of \(nodeName(node)), which is not on an hlist", node)
                }
                guard ValueEncoding.object(of: pprev) != nil, try load(pprev, &state, step) == node else {
                    throw corruption("\(name) of \(nodeName(node)): the hlist is corrupted (*pprev does not point back at it)", node)
                }
                let next = try load(node &+ nextField, &state, step)
                try store(pprev, next, &state, &step)
                if next != 0 { try store(next &+ pprevField, pprev, &state, &step) }
                switch operation {
                case .hlistDelete:
                    try store(node &+ nextField, ValueEncoding.listPoison1, &state, &step)
                    try store(node &+ pprevField, ValueEncoding.listPoison2, &state, &step)
                case .hlistDeleteRCU:
                    try store(node &+ pprevField, ValueEncoding.listPoison2, &state, &step)
                default:
                    try store(node &+ nextField, 0, &state, &step)
                    try store(node &+ pprevField, 0, &state, &step)
                }
            default:
                break
            }
        } catch {
            if case .violation(let violation) = error { return .violation(violation) }
        }
        return .advanced
    }
}
