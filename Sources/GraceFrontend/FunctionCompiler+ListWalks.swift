extension FunctionCompiler {
    // MARK: list_for_each_entry and its kin

    /// The cursor's local and the offset of its list member.
    private mutating func walkCursor(_ walk: ListWalk, _ name: String, member: [String], link: AggregateID,
                                     at nodeLocation: SourceLocation) -> (Local, Int)? {
        let what = link == TypeTable.hlistNode ? "hlist_node" : "list_head"
        guard let local = lookupLocal(name), local.stackOffset == nil else {
            error("\(walk.kind.rawValue) needs a local pointer variable as its cursor; '\(name)' is not one", at: nodeLocation)
            return nil
        }
        guard case .pointer(.aggregate(let id)) = local.type, let field = types.member(of: id, path: member), field.type == .aggregate(link) else {
            error("\(walk.kind.rawValue) needs a struct pointer cursor with a \(what) member '\(member.joined(separator: "."))'", at: nodeLocation)
            return nil
        }
        return (local, field.offset)
    }

    /// list_for_each_entry, _rcu and _safe: the cursor follows member.next
    /// from head until it is back at head. The _rcu form reads each link
    /// once (rcu_dereference), the others plainly; the _safe form reads the
    /// next entry into its second cursor before the body, which may remove
    /// or free the entry.
    mutating func listForEachEntry(_ walk: ListWalk, head: Expression, member: [String], body: Statement, at nodeLocation: SourceLocation) {
        guard let (local, offset) = walkCursor(walk, walk.cursor, member: member, link: TypeTable.listHead, at: nodeLocation) else { return }
        var next: Local?
        if let name = walk.next {
            guard let (cursor, _) = walkCursor(walk, name, member: member, link: TypeTable.listHead, at: nodeLocation) else { return }
            next = cursor
        }
        let ordering: AccessOrdering = walk.kind.isRCU ? .once : .plain
        // pos = list_first_entry(head, ...)
        guard let headType = rvalue(head) else { return }
        guard headType == .pointer(.aggregate(TypeTable.listHead)) else {
            return error("type mismatch: \(walk.kind.rawValue)'s head must be 'struct list_head *', not '\(describe(headType))'", at: head.location)
        }
        emit(.load(ordering))
        emit(.offset(-offset))
        emit(.storeLocal(local.slot))
        let top = code.count
        // while (&pos->member != head)
        emit(.loadLocal(local.slot))
        emit(.offset(offset))
        _ = rvalue(head)
        emit(.binary(.notEqual))
        let exit = emitJump { .jumpIfFalse($0) }
        if let next {
            // n = list_next_entry(pos, member)
            location = nodeLocation
            emit(.loadLocal(local.slot))
            emit(.offset(offset))
            emit(.load(ordering))
            emit(.offset(-offset))
            emit(.storeLocal(next.slot))
        }
        loops.append(LoopLabels())
        statement(body)
        let stepStart = code.count
        location = nodeLocation
        if let next {
            // pos = n
            emit(.loadLocal(next.slot))
        } else {
            // pos = list_next_entry(pos, member)
            emit(.loadLocal(local.slot))
            emit(.offset(offset))
            emit(.load(ordering))
            emit(.offset(-offset))
        }
        emit(.storeLocal(local.slot))
        emit(.jump(top))
        patch(exit, to: code.count)
        closeLoop(breakTarget: code.count, continueTarget: stepStart)
    }

    /// hlist_for_each_entry and _rcu: the cursor follows member.next from
    /// head->first until it is NULL (hlist_entry_safe), the _rcu form
    /// reading each link once.
    mutating func hlistForEachEntry(_ walk: ListWalk, head: Expression, member: [String], body: Statement, at nodeLocation: SourceLocation) {
        guard let (local, offset) = walkCursor(walk, walk.cursor, member: member, link: TypeTable.hlistNode, at: nodeLocation) else { return }
        let ordering: AccessOrdering = walk.kind.isRCU ? .once : .plain
        guard let headType = rvalue(head) else { return }
        guard headType == .pointer(.aggregate(TypeTable.hlistHead)) else {
            return error("type mismatch: \(walk.kind.rawValue)'s head must be 'struct hlist_head *', not '\(describe(headType))'", at: head.location)
        }
        // pos = hlist_entry_safe(head->first, ...)
        emit(.load(ordering))
        entryOrNull(offset: offset, into: local.slot)
        let top = code.count
        emit(.loadLocal(local.slot))
        let exit = emitJump { .jumpIfFalse($0) }
        loops.append(LoopLabels())
        statement(body)
        let stepStart = code.count
        location = nodeLocation
        // pos = hlist_entry_safe(pos->member.next, ...)
        emit(.loadLocal(local.slot))
        emit(.offset(offset + KernelStructs.HListNode.next))
        emit(.load(ordering))
        entryOrNull(offset: offset, into: local.slot)
        emit(.jump(top))
        patch(exit, to: code.count)
        closeLoop(breakTarget: code.count, continueTarget: stepStart)
    }

    /// Stores the node pointer on the stack, moved back to its container
    /// (NULL stays NULL), into the local `slot`.
    private mutating func entryOrNull(offset: Int, into slot: Int) {
        emit(.storeLocal(slot))
        emit(.loadLocal(slot))
        let isNull = emitJump { .jumpIfFalse($0) }
        emit(.loadLocal(slot))
        emit(.offset(-offset))
        emit(.storeLocal(slot))
        patch(isNull, to: code.count)
    }
}
