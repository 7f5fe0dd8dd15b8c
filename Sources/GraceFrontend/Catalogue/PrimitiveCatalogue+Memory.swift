extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let memoryIntroduction = """
        Pages come from the init block or from the allocator's pool, and each has
        a lifetime (see <doc:ExecutionModel>). An allocation is one step whose
        outcomes are all explored: a fresh pool page, any page freed earlier in the
        run, and NULL when the flags allow failure. The pool holds one page per
        allocating call in the model, or `Config: pool=N`. A page is freed when its
        last reference is dropped, and only its contents are freed: `struct page`
        stays. `gfp` is any of the flags in <doc:LanguageReference>; `order` must
        be the constant 0.

        `_refcount` is a field of `struct page`, so the reference counts raise no
        use-after-free: a speculative reference to a page that has been freed finds
        the count at 0 and fails, as in the kernel.
        """

    /// Page and object allocation, freeing, page references and the
    /// conversions between a struct page and its contents (SPEC §2.3).
    static var memory: [PrimitiveEntry] {
        allocation + freeing + references + addresses
    }

    private static let pagePointer = CType.pointer(.aggregate(TypeTable.page))
    private static let order = Parameter("order", .constant("unsigned int", 0...0, message: "only order-0 allocations are modelled"))

    private static var allocation: [PrimitiveEntry] {
        let gfp = Parameter("gfp", .integer("gfp_t"))
        let mm = Parameter("mm", .locating("struct mm_struct *"))
        let allocating = "Takes a page, zeroed, from the allocator pool (one page per allocating call in the model): a never-used page, or any page freed earlier in the run, each explored"
        let failing = "; with GFP_NOWAIT or GFP_ATOMIC it may also fail and return NULL. An empty pool is a bug (raise it with Config: pool=N)."
        func allocator(_ name: String, aliases: [String] = [], _ parameters: [Parameter], operands: [Operand]? = nil, returns: CType,
                       _ operation: MemoryOperation, summary: String, effect: String) -> PrimitiveEntry {
            PrimitiveEntry(
                name, aliases: aliases, PrimitiveSignature(.type(returns), parameters, operands: operands),
                ordering: .none, events: [.alloc], violations: [.bug], implementation: "allocatePage",
                summary: summary, effect: effect, lowering: .emit(.primitive(.memory(operation))))
        }
        return [
            allocator("alloc_page", [gfp], returns: pagePointer, .allocPage,
                      summary: "Allocates a page; returns its struct page.", effect: allocating + failing),
            allocator("alloc_pages", aliases: ["pagetable_alloc"], [gfp, order], returns: pagePointer, .allocPage,
                      summary: "Allocates an order-0 page; returns its struct page.", effect: allocating + failing),
            allocator("__get_free_page", aliases: ["get_zeroed_page"], [gfp], returns: .unsignedLong, .allocPageAddress,
                      summary: "Allocates a page; returns the address of its contents.", effect: allocating + failing),
            allocator("__get_free_pages", [gfp, order], returns: .unsignedLong, .allocPageAddress,
                      summary: "Allocates an order-0 page; returns the address of its contents.", effect: allocating + failing),
            allocator("pte_alloc_one", [mm], operands: [.argument(0), .constant(KernelConstants.GFP.kernel)], returns: pagePointer, .allocPage,
                      summary: "Allocates a page-table page (GFP_KERNEL); returns its struct page.", effect: allocating + "."),
            allocator("pte_alloc_one_kernel", [mm], operands: [.argument(0), .constant(KernelConstants.GFP.kernel)], returns: .pointer(.pte), .allocPageAddress,
                      summary: "Allocates a kernel page-table page (GFP_KERNEL); returns its first pte.", effect: allocating + "."),
            allocator("kmalloc", aliases: ["kzalloc"], [Parameter("size", .integer("size_t")), gfp], returns: .voidPointer, .allocObject,
                      summary: "Allocates an object of up to page_words x 8 bytes, in a page of its own.",
                      effect: allocating + failing + " A larger size is a bug."),
        ]
    }

    /// What every free checks of what is still linked (Interpreter+FreeChecks).
    private static let linked = " Freeing it while one of its list_heads (a page's lru among them) is on a list is list corruption, unless the list's head is a local of the freeing function; while one of its rcu_heads is queued, a use-after-free."

    private static var freeing: [PrimitiveEntry] {
        let page = Parameter("page", .pointer(.page))
        let address = Parameter("addr", .address("unsigned long"))
        let freesPage = "Drops a reference to the page; the last one frees it: its contents become invalid, and any pointer into them is stale even if the page is allocated again."
        let badState = " Freeing a page with PG_active, PG_locked or PG_lru set is bad-page-state; freeing a free page is a double free." + linked
        let freeViolations: [ViolationKind] = [.doubleFree, .badPageState, .listCorruption, .useAfterFree, .bug]
        func freeing(_ name: String, aliases: [String] = [], _ parameters: [Parameter], _ operation: MemoryOperation,
                     summary: String, effect: String) -> PrimitiveEntry {
            PrimitiveEntry(
                name, aliases: aliases, PrimitiveSignature(.none, parameters),
                ordering: .fullyOrdered, events: [.free, .update], violations: freeViolations, implementation: "free",
                summary: summary, effect: effect, lowering: .emit(.primitive(.memory(operation))))
        }
        return [
            freeing("__free_page", aliases: ["pagetable_free", "free_page_and_swap_cache"], [page], .freePage,
                    summary: "Frees a page.", effect: freesPage + badState),
            freeing("__free_pages", [page, order], .freePage, summary: "Frees an order-0 page.", effect: freesPage + badState),
            freeing("put_page", aliases: ["folio_put"], [page], .putPage, summary: "Drops a reference to a page; the last one frees it.",
                    effect: freesPage + badState),
            freeing("pte_free", [Parameter("mm", .locating("struct mm_struct *")), Parameter("pte", .pointer(.pgtable))], .freePage,
                    summary: "Frees a page-table page.", effect: freesPage + badState),
            freeing("free_page", [address], .freePageAddress, summary: "Frees the page whose contents start at addr.",
                    effect: freesPage + badState + " A struct page * is a type error: use __free_page()."),
            freeing("free_pages", [address, order], .freePageAddress, summary: "Frees the order-0 page whose contents start at addr.",
                    effect: freesPage + badState),
            freeing("kfree", aliases: ["kvfree"], [Parameter("objp", .address("const void *"))], .freePageAddress, summary: "Frees an object from kmalloc.",
                    effect: "Frees the object at once; freeing it through a pointer from an earlier lifetime, or twice, is a double free." + linked),
            freeing("pte_free_kernel", [Parameter("mm", .locating("struct mm_struct *")), Parameter("pte", .address("pte_t *"))], .freePageAddress,
                    summary: "Frees a kernel page-table page, given its first pte.", effect: freesPage + badState),
        ]
    }

    /// `_refcount` is a field of struct page, which is never freed: a
    /// speculative reference to a freed page finds the count at 0 and fails,
    /// as in the kernel, and only a bad page pointer goes wrong.
    private static var references: [PrimitiveEntry] {
        let refcount = Parameter("page", .pointer(.page), then: field(KernelStructs.Page.refcount))
        return [
            PrimitiveEntry(
                "get_page", aliases: ["folio_get"], PrimitiveSignature(.none, [Parameter("page", .pointer(.page))]),
                ordering: .relaxedRMW, events: [.update], violations: [.bug], implementation: "executeMemory",
                summary: "Takes a reference to a page.", effect: "Raises page->_refcount; a page with no reference left is free, and taking one is a bug.",
                lowering: .emit(.primitive(.memory(.getPage)))),
            PrimitiveEntry(
                "page_ref_count", aliases: ["page_count", "folio_ref_count"], PrimitiveSignature(.type(.int), [refcount]),
                ordering: .relaxedAccess, events: [.read], violations: [.bug], implementation: "execute",
                summary: "Reads page->_refcount.", effect: "Loads page->_refcount, unordered.",
                lowering: .emit(.load(.once))),
            PrimitiveEntry(
                "set_page_count", PrimitiveSignature(.none, [refcount, Parameter("v", .integer("int"))]),
                ordering: .relaxedAccess, events: [.write], violations: [.bug], implementation: "execute",
                summary: "Sets page->_refcount.", effect: "Stores v into page->_refcount, unordered.",
                lowering: .emit(.store(.once, .int))),
            PrimitiveEntry(
                "get_page_unless_zero", aliases: ["page_cache_get_speculative", "folio_try_get", "try_get_page", "page_ref_inc_not_zero"],
                PrimitiveSignature(.type(.bool), [refcount], operands: [.argument(0), .constant(1), .constant(0)]),
                ordering: .onSuccess(.full), events: [.update, .read], violations: [.bug], implementation: "executeAtomic",
                summary: "Takes a reference to a page unless it has none; returns whether it did.",
                effect: "One atomic conditional increment of page->_refcount, fully ordered when it succeeds. Legal on a freed page, whose count is 0: it fails.",
                lowering: .emit(.primitive(.addUnless(format: .int)))),
            PrimitiveEntry(
                "page_cache_add_speculative", aliases: ["folio_ref_try_add"],
                PrimitiveSignature(.type(.bool), [refcount, Parameter("count", .integer("int"))], operands: [.argument(0), .argument(1), .constant(0)]),
                ordering: .onSuccess(.full), events: [.update, .read], violations: [.bug], implementation: "executeAtomic",
                summary: "Adds count references to a page unless it has none; returns whether it did.",
                effect: "One atomic conditional add to page->_refcount, fully ordered when it succeeds.",
                lowering: .emit(.primitive(.addUnless(format: .int)))),
        ]
    }

    /// Compound pages (include/linux/page-flags.h): PG_head on the head,
    /// compound_head = head + 1 on each tail.
    private static var compound: [PrimitiveEntry] {
        let page = Parameter("page", .pointer(.page))
        return [
            PrimitiveEntry(
                "compound_head", aliases: ["page_folio"], PrimitiveSignature(.type(pagePointer), [page]),
                ordering: .none, events: [], violations: [.bug], implementation: "executeCompound",
                summary: "The head page of the compound page page belongs to (for page_folio, its folio); page itself when it is no tail.",
                effect: "Reads page->compound_head as part of the step it is in (not a step of its own, as address arithmetic is not): a tail's head, else page.",
                lowering: .emit(.primitive(.memory(.compoundHead)))),
            PrimitiveEntry(
                "PageTail", aliases: ["PageTransTail"], PrimitiveSignature(.type(.bool), [Parameter("page", .pointer(.page), then: field(KernelStructs.Page.compoundHead))]),
                ordering: .relaxedAccess, events: [.read], violations: [.bug], implementation: "execute",
                summary: "Whether page is a tail page of a compound page.", effect: "Reads page->compound_head once: bit 0.",
                lowering: .emit(.load(.once), .push(1), .binary(.bitAnd))),
            PrimitiveEntry(
                "prep_compound_page",
                PrimitiveSignature(.none, [page, Parameter("order", .constant("unsigned int", 1...4, message: "the order of a compound page is a constant from 1 to 4"))],
                                   operands: [.argument(0), .argument(1)]),
                ordering: .relaxedAccess, events: [.write], violations: [.bug], implementation: "executeCompound",
                summary: "Makes page and the 2^order - 1 pages declared after it one compound page.",
                effect: "One step: sets PG_head on page and, on each of the next 2^order - 1 pages of the model (declared one after another, as a compound page's struct pages are consecutive), compound_head = page + 1. Too few pages declared is a bug.",
                lowering: .custom { compiler, call in
                    compiler.emit(.push(call.constants[1]!))
                    compiler.emit(.primitive(.memory(.prepareCompound)))
                    return .void
                }),
            PrimitiveEntry(
                "set_compound_head", PrimitiveSignature(.none, [Parameter("page", .pointer(.page), then: field(KernelStructs.Page.compoundHead)),
                                                                Parameter("head", .pointer(.page), then: [.offset(1)])]),
                ordering: .relaxedAccess, events: [.write], violations: [.bug], implementation: "execute",
                summary: "Makes page a tail of the compound page headed by head.", effect: "Stores head + 1 into page->compound_head once.",
                lowering: .emit(.store(.once, nil))),
            PrimitiveEntry(
                "clear_compound_head", PrimitiveSignature(.none, [Parameter("page", .pointer(.page), then: field(KernelStructs.Page.compoundHead))]),
                ordering: .relaxedAccess, events: [.write], violations: [.bug], implementation: "execute",
                summary: "Makes page a tail no more (a THP split).", effect: "Stores 0 into page->compound_head once.",
                lowering: .emit(.push(0), .store(.once, nil))),
        ]
    }

    private static var addresses: [PrimitiveEntry] {
        let page = Parameter("page", .pointer(.page))
        return compound + [
            PrimitiveEntry(
                "page_address", aliases: ["page_to_virt", "folio_address", "ptdesc_address", "ptdesc_to_virt"], PrimitiveSignature(.type(.voidPointer), [page]),
                ordering: .none, events: [], violations: [.bug], implementation: "executeMemory",
                summary: "The address of a page's contents.",
                effect: "Address arithmetic, not a step: a pointer to word 0 of the page's contents, of the lifetime the page pointer has.",
                lowering: .emit(.primitive(.memory(.pageAddress)))),
            PrimitiveEntry(
                "virt_to_page", aliases: ["virt_to_ptdesc", "virt_to_folio"], PrimitiveSignature(.type(pagePointer), [Parameter("addr", .value("const void *"))]),
                ordering: .none, events: [], violations: [.bug], implementation: "executeMemory",
                summary: "The struct page of the page an address is in.",
                effect: "Address arithmetic, not a step; an address outside every page is a bug.",
                lowering: .emit(.primitive(.memory(.virtToPage)))),
            PrimitiveEntry(
                "pagetable_pte_ctor",
                aliases: ["pgtable_pte_page_ctor", "pagetable_ctor", "pgtable_page_ctor", "pagetable_pmd_ctor"],
                PrimitiveSignature(.type(.bool), [Parameter("page", .pointer(.page))]),
                ordering: .none, events: [], implementation: "execute",
                summary: "Prepares a page-table page; always succeeds.",
                effect: "Nothing: returns true.",
                lowering: .emit(.pop, .push(1))),
            PrimitiveEntry(
                "pagetable_pte_dtor",
                aliases: ["pgtable_pte_page_dtor", "pagetable_dtor", "pgtable_page_dtor", "pagetable_pmd_dtor"],
                PrimitiveSignature(.none, [Parameter("page", .pointer(.page))]),
                ordering: .none, events: [], implementation: "execute",
                summary: "Tears down a page-table page before it is freed.",
                effect: "Nothing.",
                lowering: .emit(.pop)),
        ]
    }
}
