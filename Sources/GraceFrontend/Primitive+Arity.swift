extension Primitive {
    /// Operands popped and results pushed, for the compiler's stack accounting.
    var stackEffect: (pops: Int, pushes: Int) {
        switch self {
        case .readModifyWrite(_, let result, _, _): return (2, result == .none ? 0 : 1)
        case .exchange: return (2, 1)
        case .compareExchange: return (3, 1)
        case .addUnless: return (3, 1)
        case .bit(let operation, _): return (2, operation.returnsOldBit ? 1 : 0)
        case .testBit: return (2, 1)
        case .lock(let operation):
            switch operation {
            case .lockIRQSave, .tryLock, .isLocked, .writeTryLock, .mutexTryLock: return (1, 1)
            case .unlockIRQRestore: return (2, 0)
            default: return (1, 0)
            }
        case .list(let operation):
            switch operation {
            case .add, .addTail, .addRCU, .addTailRCU, .hlistAddHead, .hlistAddHeadRCU: return (2, 0)
            case .isEmpty: return (1, 1)
            default: return (1, 0)
            }
        case .rcu(let operation):
            switch operation {
            case .call, .srcuReadUnlock: return (2, 0)
            case .srcuReadLock: return (1, 1)
            case .srcuSynchronize: return (1, 0)
            default: return (0, 0)
            }
        case .memory(let operation):
            switch operation {
            case .allocObject: return (2, 1)
            case .allocPage, .allocPageAddress, .pageAddress, .virtToPage, .compoundHead: return (1, 1)
            case .prepareCompound: return (2, 0)
            case .freePage, .freePageAddress, .getPage, .putPage: return (1, 0)
            }
        case .cpu(let operation):
            switch operation {
            case .irqSave: return (0, 1)
            case .irqRestore: return (1, 0)
            default: return (0, 0)
            }
        case .tlb(let operation):
            switch operation {
            case .flush: return (0, 0)
            case .walk: return (1, 1)
            case .read: return (2, 1)
            case .write: return (3, 0)
            }
        case .ipi:
            return (3, 0)
        case .mm(let operation):
            return (1, operation == .getNotZero ? 1 : 0)
        case .choose:
            return (1, 1)
        case .refcount(let operation):
            return (1, operation == .increment || operation == .decrement ? 0 : 1)
        }
    }
}

extension Instruction {
    var stackEffect: (pops: Int, pushes: Int) {
        switch self {
        case .push, .dup: return (0, 1)
        case .pop: return (1, 0)
        case .loadLocal: return (0, 1)
        case .storeLocal: return (1, 0)
        case .stackAddress: return (0, 1)
        case .load: return (1, 1)
        case .store, .storeOverlaid: return (2, 0)
        case .unary, .convert, .offset: return (1, 1)
        case .binary, .index: return (2, 1)
        case .jump: return (0, 0)
        case .jumpIfFalse, .jumpIfTrue: return (1, 0)
        case .call(_, let arguments): return (arguments, 0)
        case .ret(let hasValue): return (hasValue ? 1 : 0, 0)
        case .primitive(let primitive): return primitive.stackEffect
        case .check: return (1, 0)
        case .fence: return (0, 0)
        }
    }
}
