extension FunctionCompiler {
    // MARK: Lowerings of the list and container macros

    /// container_of(ptr, type, member): ptr moved back by member's offset.
    mutating func containerOf(_ call: PrimitiveCall) -> CType? {
        guard let target = memberTarget(call) else { return nil }
        guard let argument = call.expression(0), let type = rvalue(argument) else { return nil }
        guard case .pointer(let pointee) = type, pointee == target.memberType || pointee == .void else {
            error("type mismatch: '\(call.name)' expects a '\(describe(.pointer(target.memberType)))', not '\(describe(type))'", at: argument.location)
            return nil
        }
        location = call.location
        if target.offset != 0 { emit(.offset(-target.offset)) }
        return .pointer(target.container)
    }

    /// list_first_entry and list_last_entry: the link at `linkOffset` of
    /// the head, read plainly and moved back to its container.
    mutating func listEntry(_ call: PrimitiveCall, linkOffset: Int) -> CType? {
        guard let target = listMemberTarget(call) else { return nil }
        var call = call
        guard compileArgument(0, of: &call) else { return nil }
        location = call.location
        for instruction in PrimitiveCatalogue.field(linkOffset) { emit(instruction) }
        emit(.load(.plain))
        emit(.offset(-target.offset))
        return .pointer(target.container)
    }

    /// list_first_entry_or_null: head->next read once; NULL when it is the
    /// head itself.
    mutating func firstEntryOrNull(_ call: PrimitiveCall) -> CType? {
        guard let target = listMemberTarget(call) else { return nil }
        var call = call
        guard compileArgument(0, of: &call) else { return nil }
        location = call.location
        let head = hiddenLocal()
        let entry = hiddenLocal()
        emit(.storeLocal(head))
        emit(.loadLocal(head))
        emit(.load(.once))
        emit(.storeLocal(entry))
        emit(.loadLocal(entry))
        emit(.loadLocal(head))
        emit(.binary(.equal))
        let isEmpty = emitJump { .jumpIfTrue($0) }
        emit(.loadLocal(entry))
        emit(.offset(-target.offset))
        let end = emitJump { .jump($0) }
        depth -= 1
        patch(isEmpty, to: code.count)
        emit(.push(0))
        patch(end, to: code.count)
        return .pointer(target.container)
    }

    /// list_next_entry and list_prev_entry: the link at `linkOffset` of
    /// pos's member, read plainly and moved back to its container.
    mutating func neighbourEntry(_ call: PrimitiveCall, linkOffset: Int) -> CType? {
        guard let type = call.types[0], case .pointer(.aggregate(let id)) = type, case .member(let path, _) = call.arguments[1],
              let member = types.member(of: id, path: path), member.type == .aggregate(TypeTable.listHead) else {
            error("'\(call.name)' needs a struct pointer and its list_head member", at: call.location)
            return nil
        }
        emit(.offset(member.offset + linkOffset))
        emit(.load(.plain))
        emit(.offset(-member.offset))
        return type
    }

    /// offsetof(type, member): a constant, eight bytes a cell.
    mutating func offsetOf(_ call: PrimitiveCall) -> CType? {
        guard case .type(let syntax) = call.arguments[0], case .member(let path, let memberLocation) = call.arguments[1],
              let type = context.resolveType(syntax) else { return nil }
        guard case .aggregate(let id) = type, let member = types.member(of: id, path: path) else {
            error("'\(describe(type))' has no member '\(path.joined(separator: "."))'", at: memberLocation)
            return nil
        }
        emit(.push(Int64(member.offset * 8)))
        return .unsignedLong
    }

    /// The container type and member of a (ptr, type, member) macro.
    private mutating func memberTarget(_ call: PrimitiveCall) -> (container: CType, memberType: CType, offset: Int)? {
        guard case .type(let syntax) = call.arguments[1], case .member(let path, let memberLocation) = call.arguments[2],
              let container = context.resolveType(syntax) else { return nil }
        guard case .aggregate(let id) = container, let member = types.member(of: id, path: path) else {
            error("'\(describe(container))' has no member '\(path.joined(separator: "."))'", at: memberLocation)
            return nil
        }
        return (container, member.type, member.offset)
    }

    /// The target of a list macro, whose member must be a list_head.
    private mutating func listMemberTarget(_ call: PrimitiveCall) -> (container: CType, memberType: CType, offset: Int)? {
        guard let target = memberTarget(call), target.memberType == .aggregate(TypeTable.listHead) else {
            error("'\(call.name)' needs a list_head member", at: call.location)
            return nil
        }
        return target
    }
}
