import GraceFrontend

extension Interpreter {
    private enum ListError: Error {
        case violation(Violation)
    }

    private func read(_ pointer: Int64, _ state: MachineState) throws(ListError) -> Int64 {
        switch resolve(pointer, access: "list read", state) {
        case .failure(let violation): throw .violation(violation)
        case .success(let cell): return state[cell]
        }
    }

    private func write(_ pointer: Int64, _ value: Int64, _ state: inout MachineState, _ step: inout Step) throws(ListError) {
        switch resolve(pointer, access: "list write", state) {
        case .failure(let violation): throw .violation(violation)
        case .success(let cell):
            state[cell] = value
            step.note(.write, "write \(symbols.cell(cell)) = \(symbols.value(value, in: cell))", object: symbols.object(ofCell: cell))
        }
    }

    /// The cells of a list_head's `next` and `prev` pointers.
    private func nextField(_ node: Int64) -> Int64 { node &+ Int64(KernelStructs.ListHead.next) }
    private func prevField(_ node: Int64) -> Int64 { node &+ Int64(KernelStructs.ListHead.prev) }

    private func corruption(_ message: String, _ node: Int64) -> ListError {
        .violation(Violation(.listCorruption, message, object: ValueEncoding.object(of: node)))
    }

    /// A node is on a list when its neighbours point back at it.
    private func isLinked(_ node: Int64, _ state: MachineState) throws(ListError) -> Bool {
        let next = try read(nextField(node), state)
        if next == 0 || next == node || next == ValueEncoding.listPoison1 || next == ValueEncoding.rcuQueuedMarker { return false }
        guard ValueEncoding.object(of: next) != nil else { return false }
        return try read(prevField(next), state) == node
    }

    /// Whether a list_head is on a list; unreadable nodes count as not.
    func isLinkedNode(_ node: Int64, _ state: MachineState) -> Bool {
        (try? isLinked(node, state)) ?? false
    }

    /// The node's cells are an rcu_head that call_rcu has queued.
    private func queuedOverlay(_ node: Int64, _ state: MachineState) -> Bool {
        let count = Int(state[layout.queueBase])
        for entry in 0..<count {
            let head = state[layout.queueEntry(entry), .head]
            if ValueEncoding.object(of: head) == ValueEncoding.object(of: node), ValueEncoding.offset(of: head) == ValueEncoding.offset(of: node) {
                return true
            }
        }
        return false
    }

    func executeList(_ operation: ListOperation, _ state: inout MachineState, _ step: inout Step, values: Int) -> Outcome {
        let context = step.context
        do throws(ListError) {
            switch operation {
            case .initHead:
                let head = pop(&state, context: context, values: values)
                if queuedOverlay(head, state) { throw unionMisuse("INIT_LIST_HEAD", head) }
                try write(nextField(head), head, &state, &step)
                try write(prevField(head), head, &state, &step)
            case .add, .addTail:
                let head = pop(&state, context: context, values: values)
                let node = pop(&state, context: context, values: values)
                let name = operation == .add ? "list_add" : "list_add_tail"
                if queuedOverlay(node, state) { throw unionMisuse(name, node) }
                if try isLinked(node, state) {
                    throw corruption("\(name) of \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))), which is already on a list", node)
                }
                let prev: Int64
                let next: Int64
                if operation == .add {
                    prev = head
                    next = try read(nextField(head), state)
                    guard try read(prevField(next), state) == head else {
                        throw corruption("\(name) to a corrupted list: \(symbols.value(head, pointee: .aggregate(TypeTable.listHead)))->next->prev is not \(symbols.value(head, pointee: .aggregate(TypeTable.listHead)))", head)
                    }
                } else {
                    next = head
                    prev = try read(prevField(head), state)
                    guard try read(nextField(prev), state) == head else {
                        throw corruption("\(name) to a corrupted list: \(symbols.value(head, pointee: .aggregate(TypeTable.listHead)))->prev->next is not \(symbols.value(head, pointee: .aggregate(TypeTable.listHead)))", head)
                    }
                }
                try write(prevField(next), node, &state, &step)
                try write(nextField(node), next, &state, &step)
                try write(prevField(node), prev, &state, &step)
                try write(nextField(prev), node, &state, &step)
            case .delete, .deleteInit:
                let node = pop(&state, context: context, values: values)
                let name = operation == .delete ? "list_del" : "list_del_init"
                if queuedOverlay(node, state) { throw unionMisuse(name, node) }
                let next = try read(nextField(node), state)
                let prev = try read(prevField(node), state)
                if next == ValueEncoding.listPoison1 || prev == ValueEncoding.listPoison2 {
                    throw corruption("\(name) of \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))), which was already deleted with list_del (poisoned)", node)
                }
                if next == node && operation == .deleteInit { break }
                if next == 0 || next == node {
                    throw corruption("\(name) of \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))), which is not on a list", node)
                }
                guard ValueEncoding.object(of: next) != nil, ValueEncoding.object(of: prev) != nil,
                      try read(prevField(next), state) == node, try read(nextField(prev), state) == node else {
                    throw corruption("\(name) of \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))): the list is corrupted (its neighbours do not point back)", node)
                }
                try write(prevField(next), prev, &state, &step)
                try write(nextField(prev), next, &state, &step)
                if operation == .delete {
                    try write(nextField(node), ValueEncoding.listPoison1, &state, &step)
                    try write(prevField(node), ValueEncoding.listPoison2, &state, &step)
                } else {
                    try write(nextField(node), node, &state, &step)
                    try write(prevField(node), node, &state, &step)
                }
            case .isEmpty:
                let head = pop(&state, context: context, values: values)
                let next = try read(nextField(head), state)
                step.note(.read, "list_empty(\(symbols.value(head, pointee: .aggregate(TypeTable.listHead)))) = \(next == head ? 1 : 0)")
                push(next == head ? 1 : 0, &state, context: context, values: values)
            }
        } catch {
            if case .violation(let violation) = error { return .violation(violation) }
        }
        return .advanced
    }

    private func unionMisuse(_ operation: String, _ node: Int64) -> ListError {
        .violation(Violation(.unionMisuse, "\(operation) on \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))) while the rcu_head sharing its cells is queued by call_rcu", object: ValueEncoding.object(of: node)))
    }
}
