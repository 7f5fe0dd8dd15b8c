import GraceFrontend

/// What must not outlive a free: a list node still linked into a list, an
/// rcu_head still queued for its callback. The kernel finds out later (the
/// buddy allocator reuses page->lru for its free lists and
/// CONFIG_DEBUG_LIST complains at the next list operation; the RCU core
/// calls a callback through freed memory); Grace reports it at the free.
extension Interpreter {
    /// The violation of freeing `object` now, if one of its list_heads is
    /// linked or one of its rcu_heads is queued: a page's struct page (its
    /// lru and rcu_head) and its contents, or a whole object.
    func linkedAtFree(_ object: Int, _ state: MachineState, _ step: Step) -> Violation? {
        let info = program.objects[object]
        let generation = generation(object, state)
        let pointer = { (offset: Int) in ValueEncoding.pointer(object: object, generation: generation, offset: offset) }
        let queued = queuedHeads(in: object, state)
        if let head = queued.first {
            return Violation(.useAfterFree, "\(info.name) is freed while \(symbols.value(pointer(head), pointee: .aggregate(TypeTable.rcuHead))) is queued by call_rcu: the RCU core will run its callback through freed memory", object: object)
        }
        var offsets = Array(info.contentsOffset..<(info.size - 1))
        if info.kind == .page { offsets.insert(KernelStructs.Page.lru, at: 0) }
        for offset in offsets {
            let node = pointer(offset)
            if isLinkedNode(node, state) {
                if isPrivateList(node, of: step, state) { continue }
                return Violation(.listCorruption, "\(info.name) is freed while \(symbols.value(node, pointee: .aggregate(TypeTable.listHead))) is on a list: the list still points into freed memory", object: object)
            }
            if isHashedNode(node, state) {
                return Violation(.listCorruption, "\(info.name) is freed while \(symbols.value(node, pointee: .aggregate(TypeTable.hlistNode))) is on an hlist: the hlist still points into freed memory", object: object)
            }
        }
        return nil
    }

    /// Whether an hlist_node is on an hlist: the pointer its pprev names
    /// points back at it. An empty list_head (pointing at itself) is not.
    private func isHashedNode(_ node: Int64, _ state: MachineState) -> Bool {
        guard case .success(let nextCell) = resolve(node, access: "hlist read", state), state[nextCell] != node,
              case .success(let pprevCell) = resolve(node &+ Int64(KernelStructs.HListNode.pprev), access: "hlist read", state) else { return false }
        let pprev = state[pprevCell]
        guard pprev != ValueEncoding.listPoison2, ValueEncoding.object(of: pprev) != nil,
              case .success(let cell) = resolve(pprev, access: "hlist read", state) else { return false }
        return state[cell] == node
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
    private func isPrivateList(_ node: Int64, of step: Step, _ state: MachineState) -> Bool {
        var current = node
        for _ in 0..<program.memoryCells {
            if isOwnStack(current, step) { return true }
            guard case .success(let cell) = resolve(current &+ Int64(KernelStructs.ListHead.next), access: "list read", state) else { return false }
            current = state[cell]
            if current == node { return false }
        }
        return false
    }
}
