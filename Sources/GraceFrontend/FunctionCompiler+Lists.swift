extension FunctionCompiler {
    // MARK: Lists and container_of

    mutating func listPrimitive(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        let operations: [String: (ListOperation, Int)] = [
            "INIT_LIST_HEAD": (.initHead, 1), "list_add": (.add, 2), "list_add_tail": (.addTail, 2),
            "list_del": (.delete, 1), "list_del_init": (.deleteInit, 1), "list_empty": (.isEmpty, 1),
        ]
        if let (operation, count) = operations[name] {
            guard requireCount(name, arguments, count, at: location) else { return PrimitiveResult(type: nil) }
            for position in 0..<count {
                guard pointerArgument(name, arguments, position, expected: "struct list_head *", accepts: Self.isListHead) != nil else {
                    return PrimitiveResult(type: nil)
                }
            }
            self.location = location
            emit(.primitive(.list(operation)))
            return PrimitiveResult(type: operation == .isEmpty ? .int : .void)
        }
        switch name {
        case "container_of", "list_entry":
            guard requireCount(name, arguments, 3, at: location), let target = memberTarget(name, arguments, at: location) else { return PrimitiveResult(type: nil) }
            guard let argument = expression(arguments[0]), let type = rvalue(argument) else { return PrimitiveResult(type: nil) }
            guard case .pointer(let pointee) = type, pointee == target.memberType || pointee == .void else {
                error("type mismatch: '\(name)' expects a '\(describe(.pointer(target.memberType)))', not '\(describe(type))'", at: argument.location)
                return PrimitiveResult(type: nil)
            }
            self.location = location
            if target.offset != 0 { emit(.offset(-target.offset)) }
            return PrimitiveResult(type: .pointer(target.container))
        case "list_first_entry", "list_last_entry", "list_first_entry_or_null":
            guard requireCount(name, arguments, 3, at: location), let target = memberTarget(name, arguments, at: location),
                  target.memberType == .aggregate(TypeTable.listHead) else {
                if arguments.count == 3 { error("'\(name)' needs a list_head member", at: location) }
                return PrimitiveResult(type: nil)
            }
            guard pointerArgument(name, arguments, 0, expected: "struct list_head *", accepts: Self.isListHead) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            if name == "list_first_entry_or_null" {
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
                return PrimitiveResult(type: .pointer(target.container))
            }
            if name == "list_last_entry" { emit(.offset(1)) }
            emit(.load(.plain))
            emit(.offset(-target.offset))
            return PrimitiveResult(type: .pointer(target.container))
        case "list_next_entry", "list_prev_entry":
            guard requireCount(name, arguments, 2, at: location), let argument = expression(arguments[0]), let type = rvalue(argument) else {
                return PrimitiveResult(type: nil)
            }
            guard case .pointer(.aggregate(let id)) = type, case .member(let path, _) = arguments[1],
                  let member = types.member(of: id, path: path), member.type == .aggregate(TypeTable.listHead) else {
                error("'\(name)' needs a struct pointer and its list_head member", at: location)
                return PrimitiveResult(type: nil)
            }
            self.location = location
            emit(.offset(member.offset + (name == "list_prev_entry" ? 1 : 0)))
            emit(.load(.plain))
            emit(.offset(-member.offset))
            return PrimitiveResult(type: type)
        case "offsetof":
            guard requireCount(name, arguments, 2, at: location), case .type(let syntax) = arguments[0],
                  case .member(let path, let memberLocation) = arguments[1], let type = context.resolveType(syntax) else { return PrimitiveResult(type: nil) }
            guard case .aggregate(let id) = type, let member = types.member(of: id, path: path) else {
                error("'\(describe(type))' has no member '\(path.joined(separator: "."))'", at: memberLocation)
                return PrimitiveResult(type: nil)
            }
            emit(.push(Int64(member.offset * 8)))
            return PrimitiveResult(type: .unsignedLong)
        default:
            return nil
        }
    }

    private mutating func memberTarget(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> (container: CType, memberType: CType, offset: Int)? {
        guard case .type(let syntax) = arguments[1], case .member(let path, let memberLocation) = arguments[2],
              let container = context.resolveType(syntax) else { return nil }
        guard case .aggregate(let id) = container, let member = types.member(of: id, path: path) else {
            error("'\(describe(container))' has no member '\(path.joined(separator: "."))'", at: memberLocation)
            return nil
        }
        return (container, member.type, member.offset)
    }
}
