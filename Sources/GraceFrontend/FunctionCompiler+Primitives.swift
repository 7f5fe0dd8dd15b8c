extension FunctionCompiler {
    /// Compiles a call to a kernel primitive; nil when `name` is none.
    mutating func primitive(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        if let result = accessPrimitive(name, arguments, at: location) { return result }
        if let result = atomicPrimitive(name, arguments, at: location) { return result }
        if let result = bitPrimitive(name, arguments, at: location) { return result }
        if let result = synchronisationPrimitive(name, arguments, at: location) { return result }
        if let result = listPrimitive(name, arguments, at: location) { return result }
        if let result = memoryPrimitive(name, arguments, at: location) { return result }
        if let result = pageTablePrimitive(name, arguments, at: location) { return result }
        if let result = kernelPrimitive(name, arguments, at: location) { return result }
        return nil
    }

    // MARK: Marked accesses

    private mutating func accessPrimitive(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        switch name {
        case "READ_ONCE", "ACCESS_ONCE", "rcu_dereference", "rcu_dereference_raw", "rcu_dereference_protected", "rcu_access_pointer",
             "rcu_dereference_sched", "rcu_dereference_bh":
            guard arguments.count >= 1 else { return PrimitiveResult(type: nil) }
            guard let place = placeArgument(name, arguments, 0) else { return PrimitiveResult(type: nil) }
            self.location = location
            return PrimitiveResult(type: load(place, ordering: .once, at: location))
        case "WRITE_ONCE", "rcu_assign_pointer", "RCU_INIT_POINTER":
            guard requireCount(name, arguments, 2, at: location), let place = placeArgument(name, arguments, 0),
                  let value = expression(arguments[1]), let valueType = rvalue(value) else { return PrimitiveResult(type: nil) }
            _ = checkAssignable(place.type, from: valueType, value: value, what: "value of \(name)")
            self.location = location
            storeMarked(place, ordering: name == "rcu_assign_pointer" ? .release : .once)
            return PrimitiveResult(type: .void)
        case "smp_load_acquire":
            guard requireCount(name, arguments, 1, at: location),
                  let pointee = pointerArgument(name, arguments, 0, expected: "T *", accepts: { $0.isScalar && $0 != .void })
            else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.load(.acquire))
            return PrimitiveResult(type: pointee)
        case "smp_store_release":
            guard requireCount(name, arguments, 2, at: location),
                  let pointee = pointerArgument(name, arguments, 0, expected: "T *", accepts: { $0.isScalar && $0 != .void }),
                  let value = expression(arguments[1]), let valueType = rvalue(value) else { return PrimitiveResult(type: nil) }
            _ = checkAssignable(pointee, from: valueType, value: value, what: "value of smp_store_release")
            self.location = location
            emit(.store(.release, pointee.storageFormat))
            return PrimitiveResult(type: .void)
        case "atomic_read", "atomic_long_read", "atomic_read_acquire", "atomic_long_read_acquire", "page_ref_count", "page_count",
             "folio_ref_count":
            guard requireCount(name, arguments, 1, at: location) else { return PrimitiveResult(type: nil) }
            let isPageForm = name.hasPrefix("page") || name.hasPrefix("folio")
            guard let pointee = pointerArgument(name, arguments, 0, expected: isPageForm ? "struct page *" : "atomic_t *",
                                                accepts: isPageForm ? Self.isPage : Self.isAtomic) else { return PrimitiveResult(type: nil) }
            if isPageForm { emit(.offset(1)) }
            self.location = location
            emit(.load(name.hasSuffix("acquire") ? .acquire : .once))
            if case .atomic(let format, _) = pointee { return PrimitiveResult(type: format.bits == 64 ? .long : .int) }
            return PrimitiveResult(type: .int)
        case "atomic_set", "atomic_long_set", "atomic_set_release", "atomic_long_set_release", "set_page_count":
            guard requireCount(name, arguments, 2, at: location) else { return PrimitiveResult(type: nil) }
            let isPageForm = name == "set_page_count"
            guard let pointee = pointerArgument(name, arguments, 0, expected: isPageForm ? "struct page *" : "atomic_t *",
                                                accepts: isPageForm ? Self.isPage : Self.isAtomic) else { return PrimitiveResult(type: nil) }
            if isPageForm { emit(.offset(1)) }
            guard integerArgument(name, arguments, 1) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.store(name.hasSuffix("release") ? .release : .once, isPageForm ? .int : pointee.storageFormat))
            return PrimitiveResult(type: .void)
        default:
            return nil
        }
    }

    mutating func storeMarked(_ place: LValue, ordering: AccessOrdering) {
        switch place {
        case .local(let slot, let type):
            convertForStorage(type)
            emit(.storeLocal(slot))
        case .memory(let type):
            emit(.store(ordering, type.storageFormat))
        }
    }

    // MARK: Atomics

    private mutating func atomicPrimitive(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        if ["xchg", "xchg_relaxed", "xchg_acquire", "xchg_release", "cmpxchg", "cmpxchg_relaxed", "cmpxchg_acquire", "cmpxchg_release"].contains(name) {
            let ordering = Self.orderingSuffix(name) ?? .full
            let isCompare = name.hasPrefix("cmpxchg")
            guard requireCount(name, arguments, isCompare ? 3 : 2, at: location),
                  let pointee = pointerArgument(name, arguments, 0, expected: "T *", accepts: { $0.isScalar && $0 != .void && $0 != .spinlock })
            else { return PrimitiveResult(type: nil) }
            for position in 1..<arguments.count {
                guard let argument = expression(arguments[position]), let type = rvalue(argument) else { return PrimitiveResult(type: nil) }
                _ = checkAssignable(pointee.isPointer ? pointee : .long, from: type, value: argument, what: "argument \(position + 1) of '\(name)'")
            }
            self.location = location
            let format = pointee.storageFormat ?? .long
            emit(.primitive(isCompare ? .compareExchange(ordering, format: format) : .exchange(ordering, format: format)))
            return PrimitiveResult(type: pointee)
        }
        for prefix in ["atomic_long_", "atomic64_", "atomic_"] where name.hasPrefix(prefix) {
            return atomicOperation(name, operation: String(name.dropFirst(prefix.count)), arguments, at: location)
        }
        switch name {
        case "get_page_unless_zero", "page_cache_get_speculative", "folio_try_get", "try_get_page", "page_ref_inc_not_zero":
            guard requireCount(name, arguments, 1, at: location),
                  pointerArgument(name, arguments, 0, expected: "struct page *", accepts: Self.isPage) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.offset(1))
            emit(.push(1))
            emit(.push(0))
            emit(.primitive(.addUnless(format: .int)))
            return PrimitiveResult(type: .bool)
        case "page_cache_add_speculative", "folio_ref_try_add":
            guard requireCount(name, arguments, 2, at: location),
                  pointerArgument(name, arguments, 0, expected: "struct page *", accepts: Self.isPage) != nil else { return PrimitiveResult(type: nil) }
            emit(.offset(1))
            guard integerArgument(name, arguments, 1) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.push(0))
            emit(.primitive(.addUnless(format: .int)))
            return PrimitiveResult(type: .bool)
        default:
            return nil
        }
    }

    static func orderingSuffix(_ name: String) -> RMWOrdering? {
        if name.hasSuffix("_relaxed") { return .relaxed }
        if name.hasSuffix("_acquire") { return .acquire }
        if name.hasSuffix("_release") { return .release }
        return nil
    }

    private mutating func atomicOperation(_ name: String, operation: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        var base = operation
        let explicitOrdering = Self.orderingSuffix(base)
        if explicitOrdering != nil { base = String(base[..<base.lastIndex(of: "_")!]) }
        var fetch = false
        if base.hasPrefix("fetch_") {
            fetch = true
            base.removeFirst("fetch_".count)
        }
        var result: RMWResult = fetch ? .old : .none
        var defaultOrdering: RMWOrdering = fetch ? .full : .relaxed
        if base.hasSuffix("_return") {
            base.removeLast("_return".count)
            result = .new
            defaultOrdering = .full
        }
        if base.hasSuffix("_and_test") {
            base.removeLast("_and_test".count)
            result = .isZero
            defaultOrdering = .full
        }
        if base == "add_negative" {
            base = "add"
            result = .isNegative
            defaultOrdering = .full
        }
        if base == "xor_bits" {
            base = "xor"
            result = .new
            defaultOrdering = .full
        }
        // The conditional and exchanging forms return a value, so they are
        // fully ordered unless named otherwise (atomic_t.txt).
        if ["xchg", "cmpxchg", "try_cmpxchg", "add_unless", "inc_not_zero", "dec_if_positive"].contains(base) { defaultOrdering = .full }
        let ordering = explicitOrdering ?? defaultOrdering
        let operations: [String: (RMWOperation, Int64?)] = [
            "add": (.add, nil), "sub": (.subtract, nil), "inc": (.add, 1), "dec": (.subtract, 1),
            "and": (.and, nil), "or": (.or, nil), "xor": (.xor, nil), "andnot": (.andNot, nil),
        ]
        if ["xchg", "cmpxchg", "try_cmpxchg", "add_unless", "inc_not_zero", "dec_if_positive"].contains(base) {
            return atomicConditional(name, base: base, ordering: ordering, arguments, at: location)
        }
        guard let (operationKind, implicitOperand) = operations[base] else { return nil }
        // The kernel's order is (i, v); the machine wants v below i.
        let pointerPosition = implicitOperand == nil ? 1 : 0
        let operandCount = implicitOperand == nil ? 2 : 1
        if base == "xor" && result == .new && operation.hasPrefix("xor_bits") {
            guard requireCount(name, arguments, 2, at: location) else { return PrimitiveResult(type: nil) }
            guard let pointee = pointerArgument(name, arguments, 0, expected: "atomic_t *", accepts: Self.isAtomic),
                  integerArgument(name, arguments, 1) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.readModifyWrite(.xor, result: .new, ordering: .full, format: pointee.storageFormat ?? .int)))
            return PrimitiveResult(type: .integer(.unsignedInt, name: "unsigned int"))
        }
        guard requireCount(name, arguments, operandCount, at: location),
              let pointee = pointerArgument(name, arguments, pointerPosition, expected: name.hasPrefix("atomic_long") ? "atomic_long_t *" : "atomic_t *", accepts: Self.isAtomic)
        else { return PrimitiveResult(type: nil) }
        if let implicitOperand {
            emit(.push(implicitOperand))
        } else if !integerArgument(name, arguments, 0) {
            return PrimitiveResult(type: nil)
        }
        self.location = location
        let format = pointee.storageFormat ?? .int
        emit(.primitive(.readModifyWrite(operationKind, result: result, ordering: ordering, format: format)))
        switch result {
        case .none: return PrimitiveResult(type: .void)
        case .isZero, .isNegative: return PrimitiveResult(type: .bool)
        case .new, .old: return PrimitiveResult(type: format.bits == 64 ? .long : .int)
        }
    }

    private mutating func atomicConditional(_ name: String, base: String, ordering: RMWOrdering, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult {
        let counts = ["xchg": 2, "cmpxchg": 3, "try_cmpxchg": 3, "add_unless": 3, "inc_not_zero": 1, "dec_if_positive": 1]
        guard requireCount(name, arguments, counts[base]!, at: location),
              let pointee = pointerArgument(name, arguments, 0, expected: "atomic_t *", accepts: Self.isAtomic) else { return PrimitiveResult(type: nil) }
        let format = pointee.storageFormat ?? .int
        let valueType: CType = format.bits == 64 ? .long : .int
        switch base {
        case "xchg":
            guard integerArgument(name, arguments, 1) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.exchange(ordering, format: format)))
            return PrimitiveResult(type: valueType)
        case "cmpxchg":
            guard integerArgument(name, arguments, 1), integerArgument(name, arguments, 2) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.compareExchange(ordering, format: format)))
            return PrimitiveResult(type: valueType)
        case "try_cmpxchg":
            guard let expectedSlot = outLocal(name, arguments, 1) else { return PrimitiveResult(type: nil) }
            emit(.loadLocal(expectedSlot))
            guard integerArgument(name, arguments, 2) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.compareExchange(ordering, format: format)))
            let actual = hiddenLocal()
            emit(.storeLocal(actual))
            emit(.loadLocal(actual))
            emit(.loadLocal(expectedSlot))
            emit(.binary(.equal))
            emit(.loadLocal(actual))
            emit(.storeLocal(expectedSlot))
            emit(.push(0))
            emit(.storeLocal(actual))
            return PrimitiveResult(type: .bool)
        case "add_unless":
            guard integerArgument(name, arguments, 1), integerArgument(name, arguments, 2) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.addUnless(format: format)))
            return PrimitiveResult(type: .bool)
        case "inc_not_zero":
            self.location = location
            emit(.push(1))
            emit(.push(0))
            emit(.primitive(.addUnless(format: format)))
            return PrimitiveResult(type: .bool)
        default:
            error("'\(name)' is not supported", at: location)
            return PrimitiveResult(type: nil)
        }
    }

    // MARK: Bit operations and page flags

    static let pageFlags: [String: Int64] = ["active": 6, "locked": 0, "lru": 5, "dirty": 4, "referenced": 2, "uptodate": 3]

    private mutating func bitPrimitive(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        let bitOperations: [String: (BitOperation?, RMWOrdering)] = [
            "set_bit": (.set, .relaxed), "clear_bit": (.clear, .relaxed), "change_bit": (.change, .relaxed),
            "test_and_set_bit": (.testAndSet, .full), "test_and_clear_bit": (.testAndClear, .full),
            "test_and_change_bit": (.testAndChange, .full), "clear_bit_unlock": (.clear, .release),
            "test_and_set_bit_lock": (.testAndSet, .acquire), "__set_bit": (.nonAtomicSet, .relaxed),
            "__clear_bit": (.nonAtomicClear, .relaxed), "test_bit": (nil, .relaxed), "test_bit_acquire": (nil, .acquire),
        ]
        if let (operation, ordering) = bitOperations[name] {
            guard requireCount(name, arguments, 2, at: location), integerArgument(name, arguments, 0),
                  pointerArgument(name, arguments, 1, expected: "unsigned long *", accepts: Self.isWord) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            if let operation {
                emit(.primitive(.bit(operation, ordering)))
                return PrimitiveResult(type: operation.returnsOldBit ? .bool : .void)
            }
            emit(.primitive(.testBit))
            return PrimitiveResult(type: .bool)
        }
        guard let (operation, flag) = Self.pageFlagOperation(name) else { return nil }
        guard requireCount(name, arguments, 1, at: location) else { return PrimitiveResult(type: nil) }
        emit(.push(flag))
        guard pointerArgument(name, arguments, 0, expected: name.hasPrefix("folio") ? "struct folio *" : "struct page *", accepts: Self.isPage) != nil
        else { return PrimitiveResult(type: nil) }
        self.location = location
        if let operation {
            let ordering: RMWOrdering = operation.returnsOldBit ? .full : .relaxed
            emit(.primitive(.bit(operation, ordering)))
            return PrimitiveResult(type: operation.returnsOldBit ? .bool : .void)
        }
        emit(.primitive(.testBit))
        return PrimitiveResult(type: .bool)
    }

    /// `SetPageActive`, `TestClearPageActive`, `folio_test_clear_active`, ...:
    /// the bit operation (nil for a test) and the flag's bit number.
    static func pageFlagOperation(_ name: String) -> (BitOperation?, Int64)? {
        let pageForms: [(String, BitOperation?)] = [
            ("TestClearPage", .testAndClear), ("TestSetPage", .testAndSet), ("__SetPage", .nonAtomicSet),
            ("__ClearPage", .nonAtomicClear), ("SetPage", .set), ("ClearPage", .clear), ("Page", nil),
        ]
        for (prefix, operation) in pageForms where name.hasPrefix(prefix) {
            if let flag = pageFlags[name.dropFirst(prefix.count).lowercased()] { return (operation, flag) }
        }
        let folioForms: [(String, BitOperation?)] = [
            ("folio_test_clear_", .testAndClear), ("folio_test_set_", .testAndSet), ("__folio_set_", .nonAtomicSet),
            ("__folio_clear_", .nonAtomicClear), ("folio_set_", .set), ("folio_clear_", .clear), ("folio_test_", nil),
        ]
        for (prefix, operation) in folioForms where name.hasPrefix(prefix) {
            if let flag = pageFlags[String(name.dropFirst(prefix.count))] { return (operation, flag) }
        }
        return nil
    }
}
