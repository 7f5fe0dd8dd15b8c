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

    // MARK: Pages and objects

    mutating func memoryPrimitive(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        let pagePointer = CType.pointer(.aggregate(TypeTable.page))
        switch name {
        case "alloc_page", "alloc_pages", "pagetable_alloc", "__get_free_page", "get_zeroed_page", "__get_free_pages":
            let count = name.hasSuffix("pages") || name == "pagetable_alloc" ? 2 : 1
            guard requireCount(name, arguments, count, at: location), integerArgument(name, arguments, 0) else { return PrimitiveResult(type: nil) }
            if count == 2 {
                guard let order = expression(arguments[1]), context.constantValue(order) == 0 else {
                    error("only order-0 allocations are modelled", at: location)
                    return PrimitiveResult(type: nil)
                }
            }
            self.location = location
            let returnsAddress = name.contains("get_")
            emit(.primitive(.memory(returnsAddress ? .allocPageAddress : .allocPage)))
            return PrimitiveResult(type: returnsAddress ? .unsignedLong : pagePointer)
        case "pte_alloc_one", "pte_alloc_one_kernel":
            guard requireCount(name, arguments, 1, at: location), scalarArgument(name, arguments, 0) != nil else { return PrimitiveResult(type: nil) }
            emit(.pop)
            self.location = location
            emit(.push(1))
            let kernel = name.hasSuffix("kernel")
            emit(.primitive(.memory(kernel ? .allocPageAddress : .allocPage)))
            return PrimitiveResult(type: kernel ? .pointer(.pte) : pagePointer)
        case "kmalloc", "kzalloc":
            guard requireCount(name, arguments, 2, at: location), integerArgument(name, arguments, 0), integerArgument(name, arguments, 1)
            else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.memory(.allocObject)))
            return PrimitiveResult(type: .voidPointer)
        case "__free_page", "__free_pages", "pagetable_free", "free_page_and_swap_cache", "put_page", "get_page", "folio_put", "folio_get":
            let count = name == "__free_pages" ? 2 : 1
            guard requireCount(name, arguments, count, at: location),
                  pointerArgument(name, arguments, 0, expected: "struct page *", accepts: Self.isPage) != nil else { return PrimitiveResult(type: nil) }
            if count == 2 { emit(.pop) }
            self.location = location
            let operation: MemoryOperation = name.hasPrefix("put") || name == "folio_put" ? .putPage : name.hasSuffix("get") || name == "get_page" ? .getPage : .freePage
            emit(.primitive(.memory(operation)))
            return PrimitiveResult(type: .void)
        case "pte_free":
            guard requireCount(name, arguments, 2, at: location), scalarArgument(name, arguments, 0) != nil else { return PrimitiveResult(type: nil) }
            emit(.pop)
            guard pointerArgument(name, arguments, 1, expected: "pgtable_t", accepts: Self.isPage) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.memory(.freePage)))
            return PrimitiveResult(type: .void)
        case "free_page", "free_pages", "kfree", "pte_free_kernel":
            let count = name == "free_pages" || name == "pte_free_kernel" ? 2 : 1
            guard requireCount(name, arguments, count, at: location) else { return PrimitiveResult(type: nil) }
            let addressPosition = name == "pte_free_kernel" ? 1 : 0
            if name == "pte_free_kernel" {
                guard scalarArgument(name, arguments, 0) != nil else { return PrimitiveResult(type: nil) }
                emit(.pop)
            }
            guard let type = scalarArgument(name, arguments, addressPosition) else { return PrimitiveResult(type: nil) }
            if type == pagePointer {
                error("type mismatch: '\(name)' takes an address; use __free_page() for a struct page *", at: location)
                return PrimitiveResult(type: nil)
            }
            if name == "free_pages" { emit(.pop) }
            self.location = location
            emit(.primitive(.memory(.freePageAddress)))
            return PrimitiveResult(type: .void)
        case "page_address", "page_to_virt", "folio_address", "ptdesc_address":
            guard requireCount(name, arguments, 1, at: location),
                  pointerArgument(name, arguments, 0, expected: "struct page *", accepts: Self.isPage) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.memory(.pageAddress)))
            return PrimitiveResult(type: .voidPointer)
        case "virt_to_page", "virt_to_ptdesc", "virt_to_folio":
            guard requireCount(name, arguments, 1, at: location), scalarArgument(name, arguments, 0) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.memory(.virtToPage)))
            return PrimitiveResult(type: pagePointer)
        case "pgtable_pte_page_ctor", "pgtable_pte_page_dtor", "pagetable_pte_ctor", "pagetable_pte_dtor", "pagetable_dtor",
             "pagetable_ctor", "pgtable_page_dtor", "pgtable_page_ctor", "pagetable_pmd_ctor", "pagetable_pmd_dtor":
            guard requireCount(name, arguments, 1, at: location),
                  pointerArgument(name, arguments, 0, expected: "struct page *", accepts: Self.isPage) != nil else { return PrimitiveResult(type: nil) }
            emit(.pop)
            if name.hasSuffix("ctor") {
                emit(.push(1))
                return PrimitiveResult(type: .bool)
            }
            return PrimitiveResult(type: .void)
        default:
            return nil
        }
    }

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
            guard requireCount(name, arguments, 3, at: location), dropLocatingArguments(name, arguments, 2),
                  pointerArgument(name, arguments, 2, expected: "pte_t *", accepts: { $0 == .pte }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.push(0))
            emit(.store(.once, nil))
            return PrimitiveResult(type: .void)
        case "ptep_get_and_clear", "pmdp_huge_get_and_clear":
            let entry: CType = name.hasPrefix("pmd") ? .pmd : .pte
            guard requireCount(name, arguments, 3, at: location), dropLocatingArguments(name, arguments, 2),
                  pointerArgument(name, arguments, 2, expected: "\(describe(entry)) *", accepts: { $0 == entry }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.push(0))
            emit(.primitive(.exchange(.full, format: .long)))
            return PrimitiveResult(type: entry)
        case "set_pte_at", "set_pmd_at":
            let entry: CType = name == "set_pte_at" ? .pte : .pmd
            guard requireCount(name, arguments, 4, at: location), dropLocatingArguments(name, arguments, 2),
                  pointerArgument(name, arguments, 2, expected: "\(describe(entry)) *", accepts: { $0 == entry }) != nil,
                  let value = expression(arguments[3]), let type = rvalue(value) else { return PrimitiveResult(type: nil) }
            _ = checkAssignable(entry, from: type, value: value, what: "argument 4 of '\(name)'")
            self.location = location
            emit(.store(.once, nil))
            return PrimitiveResult(type: .void)
        case "pmd_populate", "pmd_populate_kernel":
            guard requireCount(name, arguments, 3, at: location), dropLocatingArguments(name, arguments, 1),
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
            guard requireCount(name, arguments, 4, at: location), dropLocatingArguments(name, arguments, 1),
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
            guard requireCount(name, arguments, 2, at: location), dropLocatingArguments(name, arguments, 1),
                  pointerArgument(name, arguments, 1, expected: "pmd_t *", accepts: { $0 == .pmd }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.load(.once))
            emit(.push(~ValueEncoding.flagMask))
            emit(.binary(.bitAnd))
            emit(.offset(types[TypeTable.page].field(named: "ptl")!.offset))
            return PrimitiveResult(type: .pointer(.spinlock))
        case "pmd_lock":
            guard requireCount(name, arguments, 2, at: location),
                  pointerArgument(name, arguments, 0, expected: "struct mm_struct *", accepts: Self.isMM) != nil else { return PrimitiveResult(type: nil) }
            emit(.offset(types[TypeTable.mm].field(named: "page_table_lock")!.offset))
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

    /// `mm` and `addr` arguments only locate an entry in the kernel: evaluated, then dropped.
    private mutating func dropLocatingArguments(_ name: String, _ arguments: [CallArgument], _ count: Int) -> Bool {
        for position in 0..<count {
            guard scalarArgument(name, arguments, position) != nil else { return false }
            emit(.pop)
        }
        return true
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
            emit(.offset(types[TypeTable.page].field(named: "ptl")!.offset))
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
