extension FunctionCompiler {
    static let cpuOperations: [String: CPUOperation] = [
        "local_irq_disable": .irqDisable, "local_irq_enable": .irqEnable, "local_bh_disable": .bhDisable,
        "local_bh_enable": .bhEnable, "preempt_disable": .preemptDisable, "preempt_enable": .preemptEnable,
    ]

    static let lockOperations: [String: LockOperation] = [
        "spin_lock": .lock, "raw_spin_lock": .lock, "spin_lock_nested": .lock, "spin_unlock": .unlock, "raw_spin_unlock": .unlock,
        "spin_lock_bh": .lockBH, "spin_unlock_bh": .unlockBH, "spin_lock_irq": .lockIRQ, "spin_unlock_irq": .unlockIRQ,
        "spin_trylock": .tryLock, "spin_is_locked": .isLocked,
    ]

    static let rwsemOperations: [String: LockOperation] = [
        "mmap_read_lock": .readLock, "mmap_read_unlock": .readUnlock, "mmap_write_lock": .writeLock,
        "mmap_write_unlock": .writeUnlock, "mmap_write_trylock": .writeTryLock,
        "down_read": .readLock, "up_read": .readUnlock, "down_write": .writeLock, "up_write": .writeUnlock,
        "down_write_trylock": .writeTryLock, "i_mmap_lock_read": .readLock, "i_mmap_unlock_read": .readUnlock,
        "i_mmap_lock_write": .writeLock, "i_mmap_unlock_write": .writeUnlock,
    ]

    mutating func synchronisationPrimitive(_ name: String, _ arguments: [CallArgument], at location: SourceLocation) -> PrimitiveResult? {
        if let operation = Self.cpuOperations[name] {
            guard requireCount(name, arguments, 0, at: location) else { return PrimitiveResult(type: nil) }
            emit(.primitive(.cpu(operation)))
            return PrimitiveResult(type: .void)
        }
        if let operation = Self.lockOperations[name] {
            let count = name == "spin_lock_nested" ? 2 : 1
            guard requireCount(name, arguments, count, at: location),
                  pointerArgument(name, arguments, 0, expected: "spinlock_t *", accepts: { $0 == .spinlock }) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.lock(operation)))
            return PrimitiveResult(type: operation == .tryLock || operation == .isLocked ? .int : .void)
        }
        if let operation = Self.rwsemOperations[name] {
            guard requireCount(name, arguments, 1, at: location) else { return PrimitiveResult(type: nil) }
            if name.hasPrefix("mmap_") {
                guard pointerArgument(name, arguments, 0, expected: "struct mm_struct *", accepts: Self.isMM) != nil else { return PrimitiveResult(type: nil) }
                emit(.offset(KernelStructs.MM.mmapLock))
            } else {
                guard pointerArgument(name, arguments, 0, expected: "a pointer to a lock word", accepts: { $0.isInteger || $0.isScalar && $0 != .void }) != nil
                else { return PrimitiveResult(type: nil) }
            }
            self.location = location
            emit(.primitive(.lock(operation)))
            return PrimitiveResult(type: operation == .writeTryLock ? .int : .void)
        }
        switch name {
        case "spin_lock_irqsave":
            guard requireCount(name, arguments, 2, at: location),
                  pointerArgument(name, arguments, 0, expected: "spinlock_t *", accepts: { $0 == .spinlock }) != nil,
                  let flags = outLocal(name, arguments, 1) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.lock(.lockIRQSave)))
            emit(.storeLocal(flags))
            return PrimitiveResult(type: .void)
        case "spin_unlock_irqrestore":
            guard requireCount(name, arguments, 2, at: location),
                  pointerArgument(name, arguments, 0, expected: "spinlock_t *", accepts: { $0 == .spinlock }) != nil,
                  integerArgument(name, arguments, 1) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.lock(.unlockIRQRestore)))
            return PrimitiveResult(type: .void)
        case "local_irq_save":
            guard requireCount(name, arguments, 1, at: location), let flags = outLocal(name, arguments, 0) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.cpu(.irqSave)))
            emit(.storeLocal(flags))
            return PrimitiveResult(type: .void)
        case "local_irq_restore":
            guard requireCount(name, arguments, 1, at: location), integerArgument(name, arguments, 0) else { return PrimitiveResult(type: nil) }
            self.location = location
            emit(.primitive(.cpu(.irqRestore)))
            return PrimitiveResult(type: .void)
        case "BUG_ON", "VM_BUG_ON", "assert":
            guard requireCount(name, arguments, 1, at: location), scalarArgument(name, arguments, 0) != nil else { return PrimitiveResult(type: nil) }
            self.location = location
            if name == "assert" { emit(.unary(.logicalNot)) }
            emit(.check(name == "assert" ? .assertion : .bug))
            return PrimitiveResult(type: .void)
        case "BUG":
            guard requireCount(name, arguments, 0, at: location) else { return PrimitiveResult(type: nil) }
            emit(.push(1))
            emit(.check(.bug))
            return PrimitiveResult(type: .void)
        case "WARN_ON", "WARN_ON_ONCE", "VM_WARN_ON", "VM_WARN_ON_ONCE", "WARN", "WARN_ONCE", "VM_WARN_ON_ONCE_PAGE", "VM_BUG_ON_PAGE":
            guard arguments.count >= 1, scalarArgument(name, arguments, 0) != nil else {
                if arguments.isEmpty { error("'\(name)' takes a condition", at: location) }
                return PrimitiveResult(type: nil)
            }
            self.location = location
            emit(.unary(.toBool))
            emit(.dup)
            emit(.check(name == "VM_BUG_ON_PAGE" ? .bug : .warning))
            return PrimitiveResult(type: .int)
        default:
            return nil
        }
    }
}
