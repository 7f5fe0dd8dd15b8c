extension FunctionCompiler {
    /// TLB flushes, hardware walks, IPIs and mm reference counts.
    mutating func kernelPrimitive(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        let flushes: [String: Int] = [
            "flush_tlb_range": 3, "flush_tlb_mm": 1, "flush_tlb_all": 0, "flush_tlb_kernel_range": 2,
            "tlb_flush_mmu_tlbonly": 1, "flush_tlb_page": 2, "flush_tlb_mm_range": 4,
        ]
        if let count = flushes[name] {
            guard requireCount(name, arguments, count, at: location), dropArguments(name, arguments, 0..<count) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.tlb(.flush)))
            return PrimitiveResult(type: .void)
        }
        switch name {
        case "pmdp_collapse_flush", "pmdp_huge_clear_flush", "pmdp_invalidate":
            guard requireCount(name, arguments, 3, at: location), dropArguments(name, arguments, 0..<2),
                  pointerArgument(name, arguments, 2, expected: "pmd_t *", accepts: { $0 == .pmd }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.push(0))
            emit(.primitive(.exchange(.full, format: .long)))
            emit(.primitive(.tlb(.flush)))
            return PrimitiveResult(type: .pmd)
        case "choose":
            guard requireCount(name, arguments, 1, at: location), let bound = expression(arguments[0]) else { return PrimitiveResult(type: nil) }
            guard let count = context.constantValue(bound), (1...64).contains(count) else {
                error("choose(n) needs a constant n from 1 to 64", at: bound.location)
                return PrimitiveResult(type: nil)
            }
            emit(.push(count))
            self.location = location
            emit(.primitive(.choose))
            return PrimitiveResult(type: .int)
        case "tlb_walk":
            guard requireCount(name, arguments, 1, at: location),
                  pointerArgument(name, arguments, 0, expected: "pmd_t * or pte_t *", accepts: { $0 == .pmd || $0 == .pte }) != nil
            else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.tlb(.walk)))
            return PrimitiveResult(type: .pointer(.aggregate(TypeTable.page)))
        case "smp_call_function", "on_each_cpu":
            guard requireCount(name, arguments, 3, at: location), let handler = expression(arguments[0]), let type = rvalue(handler) else {
                return PrimitiveResult(type: nil)
            }
            guard type == .function else {
                error("type mismatch: argument 1 of '\(name)' must be a function, not '\(describe(type))'", at: handler.location)
                return PrimitiveResult(type: nil)
            }
            guard scalarArgument(name, arguments, 1) != nil, integerArgument(name, arguments, 2) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.ipi(.send)))
            if name == "on_each_cpu" {
                guard case .identifier(let target) = handler.kind, let function = context.functionIndex[target],
                      context.functionDecls[function].parameters.count == 1 else {
                    error("on_each_cpu needs a named function taking one argument", at: handler.location)
                    return PrimitiveResult(type: nil)
                }
                // The local CPU runs the function too, with IRQs disabled.
                let flags = hiddenLocal()
                emit(.primitive(.cpu(.irqSave)))
                emit(.storeLocal(flags))
                guard scalarArgument(name, arguments, 1) != nil else { return PrimitiveResult(type: nil) }
                callees.insert(function)
                emit(.call(function: function, arguments: 1))
                if context.resolveType(context.functionDecls[function].returnType) != .void { emit(.pop) }
                emit(.loadLocal(flags))
                emit(.primitive(.cpu(.irqRestore)))
            }
            return PrimitiveResult(type: .void)
        case "kick_all_cpus_sync":
            guard requireCount(name, arguments, 0, at: location) else { return PrimitiveResult(type: nil) }
            emit(.push(ValueEncoding.noHandler))
            emit(.push(0))
            emit(.push(1))
            emit(.primitive(.ipi(.send)))
            return PrimitiveResult(type: .void)
        case "mmgrab", "mmdrop", "mmdrop_async", "mmget", "mmput", "mmput_async", "mmget_not_zero":
            guard requireCount(name, arguments, 1, at: location),
                  pointerArgument(name, arguments, 0, expected: "struct mm_struct *", accepts: Self.isMM) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            let operations: [String: MMOperation] = [
                "mmgrab": .grab, "mmdrop": .drop, "mmdrop_async": .drop, "mmget": .get, "mmput": .put,
                "mmput_async": .put, "mmget_not_zero": .getNotZero,
            ]
            let operation = operations[name]!
            emit(.primitive(.mm(operation)))
            return PrimitiveResult(type: operation == .getNotZero ? .bool : .void)
        case "might_sleep", "cond_resched", "msleep", "schedule":
            guard arguments.count <= 1 else { return PrimitiveResult(type: nil) }
            if arguments.count == 1 {
                guard scalarArgument(name, arguments, 0) != nil else { return PrimitiveResult(type: nil) }
                emit(.pop)
            }
            self.location = location
            emit(.primitive(.cpu(.mightSleep)))
            return PrimitiveResult(type: .void)
        default:
            return nil
        }
    }

    /// Arguments that only locate something in the kernel: evaluated, dropped.
    mutating func dropArguments(_ name: String, _ arguments: [CallArgument], _ positions: Range<Int>) -> Bool {
        for position in positions {
            guard scalarArgument(name, arguments, position) != nil else { return false }
            emit(.pop)
        }
        return true
    }
}
