import GraceFrontend

/// What must not outlive a free: a list node still linked into a list, an
/// rcu_head still queued for its callback. The kernel finds out later (the
/// buddy allocator reuses page->lru for its free lists and
/// CONFIG_DEBUG_LIST complains at the next list operation; the RCU core
/// calls a callback through freed memory); Grace reports it at the free.
extension Interpreter {
    /// Throws the violation of freeing `object` now, if one of its
    /// list_heads is linked or one of its rcu_heads is queued: a page's
    /// struct page (its lru and rcu_head) and its contents, or a whole
    /// object. Its reads are Grace's own checks, not the kernel's accesses.
    func checkUnlinkedAtFree(_ object: Int, _ state: inout MachineState, _ step: inout Step) throws(Violation) {
        let info = program.objects[object]
        let generation = generation(object, state)
        let pointer = { (offset: Int) in ValueEncoding.pointer(object: object, generation: generation, offset: offset) }
        if let head = queuedHeads(in: object, state).first {
            throw Violation(.useAfterFree, "\(info.name) is freed while \(symbols.value(pointer(head), pointee: .aggregate(TypeTable.rcuHead))) is queued by call_rcu: the RCU core will run its callback through freed memory", object: object)
        }
        var offsets = Array(info.contentsOffset..<(info.size - 1))
        if info.kind == .page { offsets.insert(KernelStructs.Page.lru, at: 0) }
        for offset in offsets {
            let node = pointer(offset)
            if isLinkedNode(node, &state, &step) {
                if isPrivateList(node, &state, &step) { continue }
                throw Violation(.listCorruption, "\(info.name) is freed while \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))) is on a list: the list still points into freed memory", object: object)
            }
            if isHashedNode(node, &state, &step) {
                throw Violation(.listCorruption, "\(info.name) is freed while \(symbols.value(node, pointee: .aggregate(TypeTable.hlistNode))) is on an hlist: the hlist still points into freed memory", object: object)
            }
        }
    }

    /// A read for these checks; nil where the pointer reaches no live cell.
    private func checkRead(_ pointer: Int64, _ state: inout MachineState, _ step: inout Step) -> Int64? {
        try? load(pointer, .plain, as: .check, noted: false, &state, &step)
    }

    /// Whether an hlist_node is on an hlist: the pointer its pprev names
    /// points back at it. An empty list_head (pointing at itself) is not.
    private func isHashedNode(_ node: Int64, _ state: inout MachineState, _ step: inout Step) -> Bool {
        guard let next = checkRead(node, &state, &step), next != node,
              let pprev = checkRead(node &+ Int64(KernelStructs.HListNode.pprev), &state, &step),
              pprev != ValueEncoding.listPoison2, ValueEncoding.object(of: pprev) != nil else { return false }
        return checkRead(pprev, &state, &step) == node
    }

    /// Offsets, within `object`, of the rcu_heads call_rcu has queued.
    private func queuedHeads(in object: Int, _ state: MachineState) -> [Int] {
        (0..<Int(state[layout.queueBase])).compactMap { entry in
            let head = state[layout.queueEntry(entry), .head]
            return ValueEncoding.object(of: head) == object ? ValueEncoding.offset(of: head) : nil
        }
    }

    /// Whether the list `node` is on is anchored in the freeing context's
    /// own stack (a LIST_HEAD() local): no other CPU can reach it, and the
    /// free is the teardown idiom of free_vmemmap_page_list() and
    /// release_pages(), which free the pages still on the private list and
    /// drop the list.
    private func isPrivateList(_ node: Int64, _ state: inout MachineState, _ step: inout Step) -> Bool {
        var current = node
        for _ in 0..<program.memoryCells {
            if isOwnStack(current, step) { return true }
            guard let next = checkRead(current &+ Int64(KernelStructs.ListHead.next), &state, &step) else { return false }
            current = next
            if current == node { return false }
        }
        return false
    }
}
