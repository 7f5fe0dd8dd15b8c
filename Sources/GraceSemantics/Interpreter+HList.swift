import GraceFrontend

/// hlists (include/linux/list.h): a head holds `first`, a node `next` and
/// `pprev`, the address of the pointer that points at the node. Each
/// operation is one step; the _rcu forms leave `next` of a deleted node for
/// the readers still on it. Links are read and written through the memory
/// model in the kernel's orderings: WRITE_ONCE where list.h has it, a
/// release for hlist_add_head_rcu()'s rcu_assign_pointer() of the node.
extension Interpreter {
    private func read(_ pointer: Int64, _ state: inout MachineState, _ step: inout Step) throws(Violation) -> Int64 {
        try load(pointer, .plain, as: .listLink, noted: false, &state, &step)
    }

    private func write(_ pointer: Int64, _ value: Int64, ordering: AccessOrdering = .once, _ state: inout MachineState, _ step: inout Step) throws(Violation) {
        try store(pointer, value, ordering, as: .listLink, &state, &step)
    }

    private func nodeName(_ node: Int64) -> String {
        symbols.value(node, pointee: .aggregate(TypeTable.hlistNode))
    }

    private func corruption(_ message: String, _ node: Int64) -> Violation {
        Violation(.listCorruption, message, object: ValueEncoding.object(of: node))
    }

    /// A node is hashed when the pointer its pprev names points back at it.
    private func isHashed(_ node: Int64, _ state: inout MachineState, _ step: inout Step) throws(Violation) -> Bool {
        let pprev = try read(node &+ Int64(KernelStructs.HListNode.pprev), &state, &step)
        guard pprev != 0, pprev != ValueEncoding.listPoison2, ValueEncoding.object(of: pprev) != nil else { return false }
        return try read(pprev, &state, &step) == node
    }

    func executeHList(_ operation: ListOperation, _ state: inout MachineState, _ step: inout Step, values: Int) throws(Violation) -> Outcome {
        let context = step.context
        let nextField = Int64(KernelStructs.HListNode.next)
        let pprevField = Int64(KernelStructs.HListNode.pprev)
        switch operation {
        case .hlistAddHead, .hlistAddHeadRCU:
            let head = pop(&state, context: context, values: values)
            let node = pop(&state, context: context, values: values)
            let published = operation == .hlistAddHeadRCU
            let name = published ? "hlist_add_head_rcu" : "hlist_add_head"
            if try isHashed(node, &state, &step) {
                throw corruption("\(name) of \(nodeName(node)), which is already on an hlist", node)
            }
            let firstField = head &+ Int64(KernelStructs.HListHead.first)
            let first = try read(firstField, &state, &step)
            try write(node &+ nextField, first, ordering: published ? .plain : .once, &state, &step)
            try write(node &+ pprevField, firstField, &state, &step)
            try write(firstField, node, ordering: published ? .release : .once, &state, &step)
            if first != 0 { try write(first &+ pprevField, node &+ nextField, &state, &step) }
        case .hlistDelete, .hlistDeleteRCU, .hlistDeleteInit:
            let node = pop(&state, context: context, values: values)
            let name = operation == .hlistDelete ? "hlist_del" : operation == .hlistDeleteRCU ? "hlist_del_rcu" : "hlist_del_init"
            let pprev = try read(node &+ pprevField, &state, &step)
            if pprev == ValueEncoding.listPoison2 {
                throw corruption("\(name) of \(nodeName(node)), which was already deleted (poisoned)", node)
            }
            if pprev == 0 {
                if operation == .hlistDeleteInit { break }
                throw corruption("\(name) of \(nodeName(node)), which is not on an hlist", node)
            }
            guard ValueEncoding.object(of: pprev) != nil, try read(pprev, &state, &step) == node else {
                throw corruption("\(name) of \(nodeName(node)): the hlist is corrupted (*pprev does not point back at it)", node)
            }
            let next = try read(node &+ nextField, &state, &step)
            try write(pprev, next, &state, &step)
            if next != 0 { try write(next &+ pprevField, pprev, &state, &step) }
            switch operation {
            case .hlistDelete:
                try write(node &+ nextField, ValueEncoding.listPoison1, ordering: .plain, &state, &step)
                try write(node &+ pprevField, ValueEncoding.listPoison2, ordering: .plain, &state, &step)
            case .hlistDeleteRCU:
                try write(node &+ pprevField, ValueEncoding.listPoison2, &state, &step)
            default:
                try write(node &+ nextField, 0, ordering: .plain, &state, &step)
                try write(node &+ pprevField, 0, ordering: .plain, &state, &step)
            }
        default:
            break
        }
        return .advanced
    }
}
