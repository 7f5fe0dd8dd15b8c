import GraceFrontend

/// Doubly linked lists of list_head, each operation one step. Its reads and
/// writes of links go through the memory model: plain, but for the store
/// that publishes a link (a WRITE_ONCE in the kernel) and list_empty's
/// READ_ONCE.
extension Interpreter {
    private func read(_ pointer: Int64, ordering: AccessOrdering = .plain, _ state: inout MachineState, _ step: inout Step) throws(Violation) -> Int64 {
        try load(pointer, ordering, as: .listLink, noted: false, &state, &step)
    }

    private func write(_ pointer: Int64, _ value: Int64, ordering: AccessOrdering = .plain, _ state: inout MachineState, _ step: inout Step) throws(Violation) {
        try store(pointer, value, ordering, as: .listLink, &state, &step)
    }

    /// The cells of a list_head's `next` and `prev` pointers.
    private func nextField(_ node: Int64) -> Int64 { node &+ Int64(KernelStructs.ListHead.next) }
    private func prevField(_ node: Int64) -> Int64 { node &+ Int64(KernelStructs.ListHead.prev) }

    private func corruption(_ message: String, _ node: Int64) -> Violation {
        Violation(.listCorruption, message, object: ValueEncoding.object(of: node))
    }

    /// A node is on a list when its neighbours point back at it. `role` is
    /// `.check` when Grace asks for its own union tracking, not the kernel.
    private func isLinked(_ node: Int64, as role: MemoryAccess.Role = .listLink, _ state: inout MachineState, _ step: inout Step) throws(Violation) -> Bool {
        let next = try load(nextField(node), .plain, as: role, noted: false, &state, &step)
        if next == 0 || next == node || next == ValueEncoding.listPoison1 || next == ValueEncoding.rcuQueuedMarker { return false }
        guard ValueEncoding.object(of: next) != nil else { return false }
        return try load(prevField(next), .plain, as: role, noted: false, &state, &step) == node
    }

    /// Whether a list_head is on a list, for the check that no other member
    /// of a union it is in is written meanwhile; unreadable nodes count as not.
    func isLinkedNode(_ node: Int64, _ state: inout MachineState, _ step: inout Step) -> Bool {
        (try? isLinked(node, as: .check, &state, &step)) ?? false
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

    func executeList(_ operation: ListOperation, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        if operation.isHList { return try executeHList(operation, &state, &step, values: values) }
        switch operation {
        case .initHead:
            let head = pop(&state, context: context, values: values)
            if queuedOverlay(head, state) { throw unionMisuse("INIT_LIST_HEAD", head) }
            try write(nextField(head), head, ordering: .once, &state, &step)
            try write(prevField(head), head, ordering: .once, &state, &step)
        case .add, .addTail, .addRCU, .addTailRCU:
            let head = pop(&state, context: context, values: values)
            let node = pop(&state, context: context, values: values)
            let atHead = operation == .add || operation == .addRCU
            let published = operation == .addRCU || operation == .addTailRCU
            let name = (atHead ? "list_add" : "list_add_tail") + (published ? "_rcu" : "")
            if queuedOverlay(node, state) { throw unionMisuse(name, node) }
            if try isLinked(node, &state, &step) {
                throw corruption("\(name) of \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))), which is already on a list", node)
            }
            let prev: Int64
            let next: Int64
            if atHead {
                prev = head
                next = try read(nextField(head), &state, &step)
                guard try read(prevField(next), &state, &step) == head else {
                    throw corruption("\(name) to a corrupted list: \(symbols.value(head, pointee: .aggregate(TypeTable.listHead)))->next->prev is not \(symbols.value(head, pointee: .aggregate(TypeTable.listHead)))", head)
                }
            } else {
                next = head
                prev = try read(prevField(head), &state, &step)
                guard try read(nextField(prev), &state, &step) == head else {
                    throw corruption("\(name) to a corrupted list: \(symbols.value(head, pointee: .aggregate(TypeTable.listHead)))->prev->next is not \(symbols.value(head, pointee: .aggregate(TypeTable.listHead)))", head)
                }
            }
            try write(prevField(next), node, &state, &step)
            try write(nextField(node), next, &state, &step)
            try write(prevField(node), prev, &state, &step)
            // __list_add_rcu() publishes the node with rcu_assign_pointer().
            try write(nextField(prev), node, ordering: published ? .release : .once, &state, &step)
        case .delete, .deleteInit, .deleteRCU:
            let node = pop(&state, context: context, values: values)
            let name = operation == .delete ? "list_del" : operation == .deleteRCU ? "list_del_rcu" : "list_del_init"
            if queuedOverlay(node, state) { throw unionMisuse(name, node) }
            let next = try read(nextField(node), &state, &step)
            let prev = try read(prevField(node), &state, &step)
            if next == ValueEncoding.listPoison1 || prev == ValueEncoding.listPoison2 {
                throw corruption("\(name) of \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))), which was already deleted with list_del (poisoned)", node)
            }
            if next == node && operation == .deleteInit { break }
            if next == 0 || next == node {
                throw corruption("\(name) of \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))), which is not on a list", node)
            }
            guard ValueEncoding.object(of: next) != nil, ValueEncoding.object(of: prev) != nil,
                  try read(prevField(next), &state, &step) == node, try read(nextField(prev), &state, &step) == node else {
                throw corruption("\(name) of \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))): the list is corrupted (its neighbours do not point back)", node)
            }
            try write(prevField(next), prev, &state, &step)
            try write(nextField(prev), next, ordering: .once, &state, &step)
            if operation == .delete {
                try write(nextField(node), ValueEncoding.listPoison1, &state, &step)
                try write(prevField(node), ValueEncoding.listPoison2, &state, &step)
            } else if operation == .deleteRCU {
                // Readers still on the node go on along its next.
                try write(prevField(node), ValueEncoding.listPoison2, &state, &step)
            } else {
                try write(nextField(node), node, ordering: .once, &state, &step)
                try write(prevField(node), node, ordering: .once, &state, &step)
            }
        case .hlistAddHead, .hlistAddHeadRCU, .hlistDelete, .hlistDeleteRCU, .hlistDeleteInit:
            break
        case .isEmpty:
            let head = pop(&state, context: context, values: values)
            let next = try read(nextField(head), ordering: .once, &state, &step)
            step.note(.read, "list_empty(\(symbols.value(head, pointee: .aggregate(TypeTable.listHead)))) = \(next == head ? 1 : 0)")
            push(next == head ? 1 : 0, &state, context: context, values: values)
        }
        return .advanced
    }

    private func unionMisuse(_ operation: String, _ node: Int64) -> Violation {
        Violation(.unionMisuse, "\(operation) on \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))) while the rcu_head sharing its cells is queued by call_rcu", object: ValueEncoding.object(of: node))
    }
}
