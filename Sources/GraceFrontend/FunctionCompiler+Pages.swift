extension FunctionCompiler {
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
            emit(.push(KernelConstants.GFP.kernel))
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
}
