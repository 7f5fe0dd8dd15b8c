extension FunctionCompiler {
    // MARK: Page-table entries

    mutating func pageTablePrimitive(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        let pagePointer = CType.pointer(.aggregate(TypeTable.page))
        switch name {
        case "pmd_none", "pte_none", "pmd_present", "pte_present", "pmd_trans_huge", "pmd_leaf", "pmd_huge":
            let expected: CType = name.hasPrefix("pmd") ? .pmd : .pte
            guard requireCount(name, arguments, 1, at: location), let type = scalarArgument(name, arguments, 0) else { return PrimitiveResult(type: nil) }
            guard type == expected else {
                error("type mismatch: '\(name)' takes a '\(describe(expected))', not '\(describe(type))'", at: location)
                return PrimitiveResult(type: nil)
            }
            if name.hasSuffix("none") {
                emit(.unary(.logicalNot))
            } else if name.hasSuffix("present") {
                emit(.unary(.toBool))
            } else {
                emit(.push(ValueEncoding.leafFlag))
                emit(.binary(.bitAnd))
                emit(.unary(.toBool))
            }
            return PrimitiveResult(type: .int)
        case "pmd_page", "pmd_pgtable", "pte_page", "pmd_folio", "page_ptdesc", "pmd_ptdesc", "page_folio", "folio_page", "ptdesc_page":
            guard requireCount(name, arguments, name == "folio_page" ? 2 : 1, at: location), let type = scalarArgument(name, arguments, 0) else { return PrimitiveResult(type: nil) }
            if name == "folio_page" { emit(.pop) }
            if name.hasPrefix("pmd") || name.hasPrefix("pte") {
                let expected: CType = name.hasPrefix("pmd") ? .pmd : .pte
                guard type == expected else {
                    error("type mismatch: '\(name)' takes a '\(describe(expected))', not '\(describe(type))'", at: location)
                    return PrimitiveResult(type: nil)
                }
                emit(.push(~ValueEncoding.flagMask))
                emit(.binary(.bitAnd))
            }
            return PrimitiveResult(type: pagePointer)
        case "pmd_same", "pte_same":
            guard requireCount(name, arguments, 2, at: location), scalarArgument(name, arguments, 0) != nil,
                  scalarArgument(name, arguments, 1) != nil else { return PrimitiveResult(type: nil) }
            emit(.binary(.equal))
            return PrimitiveResult(type: .int)
        case "pmd_val", "pte_val":
            guard requireCount(name, arguments, 1, at: location), scalarArgument(name, arguments, 0) != nil else { return PrimitiveResult(type: nil) }
            return PrimitiveResult(type: .unsignedLong)
        case "mk_pte", "mk_huge_pmd", "mk_pmd":
            guard requireCount(name, arguments, 2, at: location),
                  pointerArgument(name, arguments, 0, expected: "struct page *", accepts: Self.isPage) != nil,
                  integerArgument(name, arguments, 1) else { return PrimitiveResult(type: nil) }
            emit(.binary(.bitOr))
            if name == "mk_huge_pmd" {
                emit(.push(ValueEncoding.leafFlag))
                emit(.binary(.bitOr))
            }
            return PrimitiveResult(type: name == "mk_pte" ? .pte : .pmd)
        case "pmdp_get_lockless", "pmdp_get", "ptep_get", "ptep_get_lockless":
            let entry: CType = name.hasPrefix("pmd") ? .pmd : .pte
            guard requireCount(name, arguments, 1, at: location),
                  pointerArgument(name, arguments, 0, expected: "\(describe(entry)) *", accepts: { $0 == entry }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.load(.once))
            return PrimitiveResult(type: entry)
        case "pmd_clear":
            guard requireCount(name, arguments, 1, at: location),
                  pointerArgument(name, arguments, 0, expected: "pmd_t *", accepts: { $0 == .pmd }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.push(0))
            emit(.store(.once, nil))
            return PrimitiveResult(type: .void)
        case "pte_clear":
            guard requireCount(name, arguments, 3, at: location), dropArguments(name, arguments, 0..<2),
                  pointerArgument(name, arguments, 2, expected: "pte_t *", accepts: { $0 == .pte }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.push(0))
            emit(.store(.once, nil))
            return PrimitiveResult(type: .void)
        case "ptep_get_and_clear", "pmdp_huge_get_and_clear":
            let entry: CType = name.hasPrefix("pmd") ? .pmd : .pte
            guard requireCount(name, arguments, 3, at: location), dropArguments(name, arguments, 0..<2),
                  pointerArgument(name, arguments, 2, expected: "\(describe(entry)) *", accepts: { $0 == entry }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.push(0))
            emit(.primitive(.exchange(.full, format: .long)))
            return PrimitiveResult(type: entry)
        case "set_pte_at", "set_pmd_at":
            let entry: CType = name == "set_pte_at" ? .pte : .pmd
            guard requireCount(name, arguments, 4, at: location), dropArguments(name, arguments, 0..<2),
                  pointerArgument(name, arguments, 2, expected: "\(describe(entry)) *", accepts: { $0 == entry }) != nil,
                  let value = expression(arguments[3]), let type = rvalue(value) else { return PrimitiveResult(type: nil) }
            _ = checkAssignable(entry, from: type, value: value, what: "argument 4 of '\(name)'")
            self.location = location
            emit(.store(.once, nil))
            return PrimitiveResult(type: .void)
        case "pmd_populate", "pmd_populate_kernel":
            guard requireCount(name, arguments, 3, at: location), dropArguments(name, arguments, 0..<1),
                  pointerArgument(name, arguments, 1, expected: "pmd_t *", accepts: { $0 == .pmd }) != nil,
                  let tableType = scalarArgument(name, arguments, 2) else { return PrimitiveResult(type: nil) }
            if tableType != pagePointer {
                emit(.primitive(.memory(.virtToPage)))
            }
            self.location = location
            emit(.store(.release, nil))
            return PrimitiveResult(type: .void)
        case "pte_offset_map", "pte_offset_kernel", "pte_offset_map_nolock":
            let mapsWithRCU = name == "pte_offset_map"
            guard requireCount(name, arguments, 2, at: location),
                  pointerArgument(name, arguments, 0, expected: "pmd_t *", accepts: { $0 == .pmd }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            if mapsWithRCU { emit(.primitive(.rcu(.readLock(.normal)))) }
            emit(.load(.once))
            return PrimitiveResult(type: tableEntryPointer(name, arguments, releasesRCUWhenNone: mapsWithRCU))
        case "pte_offset_map_lock":
            // pte_offset_map() plus the table's split lock, page->ptl, taken
            // and returned through *ptlp.
            guard requireCount(name, arguments, 4, at: location), dropArguments(name, arguments, 0..<1),
                  pointerArgument(name, arguments, 1, expected: "pmd_t *", accepts: { $0 == .pmd }) != nil,
                  let lockSlot = outLocal(name, arguments, 3) else { return PrimitiveResult(type: nil) }
            guard lookupLocalType(arguments[3]) == .pointer(.spinlock) else {
                error("type mismatch: argument 4 of 'pte_offset_map_lock' must be the address of a 'spinlock_t *'", at: location)
                return PrimitiveResult(type: nil)
            }
            self.location = location
            emit(.primitive(.rcu(.readLock(.normal))))
            emit(.load(.once))
            guard let type = tableEntryPointer(name, arguments, releasesRCUWhenNone: true, lockInto: lockSlot) else { return PrimitiveResult(type: nil) }
            return PrimitiveResult(type: type)
        case "pte_unmap_unlock":
            guard requireCount(name, arguments, 2, at: location), scalarArgument(name, arguments, 0) != nil else { return PrimitiveResult(type: nil) }
            emit(.pop)
            guard pointerArgument(name, arguments, 1, expected: "spinlock_t *", accepts: { $0 == .spinlock }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.lock(.unlock)))
            emit(.primitive(.rcu(.readUnlock(.normal))))
            return PrimitiveResult(type: .void)
        case "pte_lockptr":
            guard requireCount(name, arguments, 2, at: location), dropArguments(name, arguments, 0..<1),
                  pointerArgument(name, arguments, 1, expected: "pmd_t *", accepts: { $0 == .pmd }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.load(.once))
            emit(.push(~ValueEncoding.flagMask))
            emit(.binary(.bitAnd))
            emit(.offset(KernelStructs.Page.ptl))
            return PrimitiveResult(type: .pointer(.spinlock))
        case "pmd_lock":
            guard requireCount(name, arguments, 2, at: location),
                  pointerArgument(name, arguments, 0, expected: "struct mm_struct *", accepts: Self.isMM) != nil else { return PrimitiveResult(type: nil) }
            emit(.offset(KernelStructs.MM.pageTableLock))
            guard pointerArgument(name, arguments, 1, expected: "pmd_t *", accepts: { $0 == .pmd }) != nil else { return PrimitiveResult(type: nil) }
            emit(.pop)
            self.location = location
            let lock = hiddenLocal()
            emit(.storeLocal(lock))
            emit(.loadLocal(lock))
            emit(.primitive(.lock(.lock)))
            emit(.loadLocal(lock))
            return PrimitiveResult(type: .pointer(.spinlock))
        case "pte_unmap":
            guard requireCount(name, arguments, 1, at: location), scalarArgument(name, arguments, 0) != nil else { return PrimitiveResult(type: nil) }
            emit(.pop)
            self.location = location
            emit(.primitive(.rcu(.readUnlock(.normal))))
            return PrimitiveResult(type: .void)
        default:
            return nil
        }
    }

    /// From a pmd value on the stack: a pointer to pte `addr` of its table, or
    /// NULL when the pmd holds no table.
    func lookupLocalType(_ argument: CallArgument) -> CType? {
        guard case .expression(let expression) = argument else { return nil }
        var target = expression
        if case .unary("&", let inner) = expression.kind { target = inner }
        guard case .identifier(let name) = target.kind else { return nil }
        return lookupLocal(name)?.type
    }

    private mutating func tableEntryPointer(_ name: String, _ arguments: [CallArgument], releasesRCUWhenNone: Bool, lockInto lockSlot: Int? = nil) -> CType? {
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
        guard integerArgument(name, arguments, lockSlot == nil ? 1 : 2) else { return nil }
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
}
