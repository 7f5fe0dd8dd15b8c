extension FunctionCompiler {
    /// kfree_rcu(ptr, rhf): call_rcu() on &ptr->rhf with a callback the
    /// compiler writes, which goes back from the head to ptr and kfree()s
    /// it after the grace period.
    mutating func kfreeRCU(_ call: PrimitiveCall) -> CType? {
        guard let argument = call.expression(0), let type = rvalue(argument) else { return nil }
        guard case .pointer(.aggregate(let id)) = type, case .member(let path, let memberLocation) = call.arguments[1] else {
            error("type mismatch: argument 1 of '\(call.name)' must point at a struct with an rcu_head, not '\(describe(type))'", at: argument.location)
            return nil
        }
        guard let member = types.member(of: id, path: path), member.type == .aggregate(TypeTable.rcuHead) else {
            error("'\(describe(.aggregate(id)))' has no rcu_head member '\(path.joined(separator: "."))'", at: memberLocation)
            return nil
        }
        location = call.location
        if member.offset != 0 { emit(.offset(member.offset)) }
        emit(.push(ValueEncoding.function(context.kfreeRCUCallback(offset: member.offset, at: call.location))))
        emit(.primitive(.rcu(.call(.normal))))
        return .void
    }
}
