extension FunctionCompiler {
    /// smp_cond_load_acquire(ptr, cond_expr) and its kin: the kernel's
    /// spin-wait macro. `*ptr` is read into VAL, which cond_expr names,
    /// until cond_expr holds; the value is VAL. A read that leaves the
    /// condition false changes nothing another CPU could see, so the waiter
    /// is blocked, not looping, until a store makes the condition true.
    mutating func conditionalLoad(_ call: PrimitiveCall, ordering: AccessOrdering) -> CType? {
        var call = call
        guard compileArgument(0, of: &call), let pointee = call.target, let condition = call.expression(1) else { return nil }
        var valueType = pointee
        if case .atomic(let format, _) = pointee { valueType = format.bits == 64 ? .long : .int }
        let pointer = hiddenLocal()
        let value = hiddenLocal()
        emit(.storeLocal(pointer))
        let top = code.count
        emit(.loadLocal(pointer))
        emit(.load(ordering))
        emit(.storeLocal(value))
        scopes.append(["VAL": Local(slot: value, type: valueType, stackOffset: nil)])
        branchCondition(condition)
        scopes.removeLast()
        location = call.location
        emit(.jumpIfFalse(top))
        emit(.loadLocal(value))
        return valueType
    }
}
