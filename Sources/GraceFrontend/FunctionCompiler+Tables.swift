extension FunctionCompiler {
    /// Lowers the rest of pte_offset_map and its kin, from the pmd value on
    /// the stack: a pointer to pte `addr` (argument `index`) of its table,
    /// or NULL when the pmd holds no table (none, or a huge leaf). With
    /// `lockInto`, the table's split lock is taken and its address stored
    /// in that local.
    mutating func tableEntryPointer(_ call: PrimitiveCall, index: Int, releasesRCUWhenNone: Bool, lockInto lockSlot: Int? = nil) -> CType? {
        let pmd = hiddenLocal()
        emit(.storeLocal(pmd))
        emit(.loadLocal(pmd))
        emit(.push(ValueEncoding.leafFlag))
        emit(.binary(.bitAnd))
        emit(.loadLocal(pmd))
        emit(.unary(.logicalNot))
        emit(.binary(.bitOr))
        let none = emitJump { .jumpIfTrue($0) }
        if let lockSlot {
            emit(.loadLocal(pmd))
            emit(.push(~ValueEncoding.flagMask))
            emit(.binary(.bitAnd))
            emit(.offset(KernelStructs.Page.ptl))
            emit(.storeLocal(lockSlot))
            emit(.loadLocal(lockSlot))
            emit(.primitive(.lock(.lock)))
        }
        emit(.loadLocal(pmd))
        emit(.push(~ValueEncoding.flagMask))
        emit(.binary(.bitAnd))
        emit(.offset(context.pageStructSize))
        var call = call
        guard compileArgument(index, of: &call) else { return nil }
        emit(.index(stride: 1, bound: context.config.pageWords))
        emit(.push(0))
        emit(.storeLocal(pmd))
        let end = emitJump { .jump($0) }
        depth -= 1
        patch(none, to: code.count)
        if releasesRCUWhenNone { emit(.primitive(.rcu(.readUnlock(.normal)))) }
        emit(.push(0))
        emit(.storeLocal(pmd))
        emit(.push(0))
        patch(end, to: code.count)
        return .pointer(.pte)
    }

    /// Lowers the rest of on_each_cpu, after the IPI to the other CPUs: the
    /// local CPU runs the function too, with IRQs saved and disabled.
    mutating func onEachCPU(_ call: PrimitiveCall) -> CType? {
        emit(.primitive(.ipi(.send)))
        guard let handler = call.expression(0), case .identifier(let target) = handler.kind, let function = context.functionIndex[target],
              context.functionDecls[function].parameters.count == 1 else {
            error("on_each_cpu needs a named function taking one argument", at: call.expression(0)?.location ?? call.location)
            return nil
        }
        let flags = hiddenLocal()
        emit(.primitive(.cpu(.irqSave)))
        emit(.storeLocal(flags))
        var call = call
        guard compileArgument(1, of: &call) else { return nil }
        callees.insert(function)
        emit(.call(function: function, arguments: 1))
        if context.resolveType(context.functionDecls[function].returnType) != .void { emit(.pop) }
        emit(.loadLocal(flags))
        emit(.primitive(.cpu(.irqRestore)))
        return .void
    }
}
