/// The kernel primitives the stack machine executes as single steps. Operands
/// are on the operand stack in source order; results are pushed.
public enum Primitive: Sendable, Hashable {
    /// ptr, operand -> result. Covers atomic_*, atomic_long_*, atomic_xor_bits.
    case readModifyWrite(RMWOperation, result: RMWResult, ordering: RMWOrdering, format: IntegerFormat)
    /// ptr, new -> old.
    case exchange(RMWOrdering, format: IntegerFormat)
    /// ptr, expected, new -> old value (success when old == expected).
    case compareExchange(RMWOrdering, format: IntegerFormat)
    /// ptr, addend, unless -> 1 when it added (atomic_add_unless, inc_not_zero).
    case addUnless(format: IntegerFormat)
    /// nr, ptr -> old bit for the test_and forms, nothing otherwise.
    case bit(BitOperation, RMWOrdering)
    /// nr, ptr -> bit, read with the given ordering (test_bit_acquire).
    case testBit(AccessOrdering)
    case lock(LockOperation)
    case list(ListOperation)
    case rcu(RCUOperation)
    case memory(MemoryOperation)
    case cpu(CPUOperation)
    case tlb(TLBOperation)
    case ipi(IPIOperation)
    /// mm: mmgrab, mmdrop, mmget, mmput and mmget_not_zero.
    case mm(MMOperation)
    /// n -> any of 0..<n: the model's own nondeterminism (which entry a
    /// walker looks at); every value is explored.
    case choose
    /// refcount_t: the kernel's checked reference count.
    case refcount(RefcountOperation)
}

/// The refcount_t operations that check the count (include/linux/refcount.h):
/// each is one atomic update of the count, and warns and saturates it when
/// it would go from 0 to 1, below 0, or past INT_MAX.
public enum RefcountOperation: UInt8, Sendable {
    /// refcount_t *
    case increment, decrement
    /// refcount_t * -> 1 when it took a reference (the count was not 0)
    case incrementNotZero
    /// refcount_t * -> 1 when the count reached 0
    case decrementAndTest
}

public enum TLBOperation: Sendable, Hashable {
    /// Drops every CPU's cached translations and, under tlb_flush=ipi,
    /// waits for CPUs with IRQs disabled to take the flush IPI.
    case flush
    /// slot -> struct page *: the MMU walks `*slot`, through this CPU's cache.
    case walk
    /// slot, index -> word: a load through the MMU, translation and access
    /// in one step (tlb_read); the level is the slot's.
    case read(TableLevel)
    /// slot, index, value: a store through the MMU (tlb_write).
    case write(TableLevel)

    /// Whether the operation uses a CPU's paging-structure cache.
    public var usesTLB: Bool { self != .flush }
}

/// The level of a page-table slot the MMU translates through.
public enum TableLevel: UInt8, Sendable {
    case pmd, pte
}

public enum IPIOperation: UInt8, Sendable {
    /// function, info, wait: posts the function to every other CPU and, with
    /// wait, blocks until each has run it.
    case send
}

public enum MMOperation: UInt8, Sendable {
    case grab, drop, get, put
    /// -> 1 when mm_users was not zero and was raised
    case getNotZero
}

public enum RMWOperation: UInt8, Sendable {
    case add, subtract, and, or, xor, andNot
}

public enum RMWResult: UInt8, Sendable {
    case none, new, old, isZero, isNegative
}

public enum RMWOrdering: UInt8, Sendable {
    case relaxed, acquire, release, full
}

public enum BitOperation: UInt8, Sendable {
    case set, clear, change, testAndSet, testAndClear, testAndChange
    /// `__set_bit` / `__clear_bit`: not atomic, one step here all the same.
    case nonAtomicSet, nonAtomicClear

    public var returnsOldBit: Bool {
        switch self {
        case .testAndSet, .testAndClear, .testAndChange: return true
        default: return false
        }
    }
}

public enum LockOperation: UInt8, Sendable {
    /// ptr -> (spin_lock, spin_lock_nested)
    case lock, lockBH, lockIRQ
    /// ptr -> saved IRQ state
    case lockIRQSave
    case unlock, unlockBH, unlockIRQ
    /// ptr, flags
    case unlockIRQRestore
    /// ptr -> 1 on success
    case tryLock
    /// ptr -> 1 when held
    case isLocked
    /// Reader-writer sleeping locks (mmap_lock, i_mmap_rwsem): ptr.
    case readLock, readUnlock, writeLock, writeUnlock
    /// ptr -> 1 on success
    case writeTryLock
    /// struct mutex *: sleeping, owned by the context that holds it.
    case mutexLock, mutexUnlock
    /// struct mutex * -> 1 on success
    case mutexTryLock

    /// Whether the operation is on a struct mutex.
    public var isMutex: Bool {
        self == .mutexLock || self == .mutexUnlock || self == .mutexTryLock
    }
}

public enum ListOperation: UInt8, Sendable {
    /// head
    case initHead
    /// new, head
    case add, addTail
    /// entry
    case delete, deleteInit
    /// head -> 1 when empty
    case isEmpty
    /// new, head: list_add_rcu, list_add_tail_rcu (the link that publishes
    /// new is a release store).
    case addRCU, addTailRCU
    /// entry: list_del_rcu unlinks and poisons prev only, so that readers
    /// on the node go on along next.
    case deleteRCU
    /// n, h: hlist_add_head, hlist_add_head_rcu.
    case hlistAddHead, hlistAddHeadRCU
    /// n: hlist_del (poisons both), hlist_del_rcu (poisons pprev only),
    /// hlist_del_init (unhashes n; an unhashed n is left alone).
    case hlistDelete, hlistDeleteRCU, hlistDeleteInit

    /// Whether the operation is on an hlist.
    public var isHList: Bool {
        switch self {
        case .hlistAddHead, .hlistAddHeadRCU, .hlistDelete, .hlistDeleteRCU, .hlistDeleteInit: return true
        default: return false
        }
    }
}

public enum RCUFlavour: UInt8, Sendable {
    case normal, sched
}

public enum RCUOperation: Sendable, Hashable {
    case readLock(RCUFlavour), readUnlock(RCUFlavour)
    /// Waits for a grace period of the flavour (synchronize_rcu).
    case synchronize(RCUFlavour)
    /// head, function
    case call(RCUFlavour)
    /// Blocks until every callback queued before it has run.
    case barrier
    /// srcu_struct * -> reader index (srcu_read_lock, srcu_down_read).
    case srcuReadLock
    /// srcu_struct *, index (srcu_read_unlock, srcu_up_read).
    case srcuReadUnlock
    /// srcu_struct *: waits for the readers of that srcu_struct inside when it was called.
    case srcuSynchronize
}

public enum MemoryOperation: UInt8, Sendable {
    /// gfp -> struct page *
    case allocPage
    /// gfp -> contents address
    case allocPageAddress
    /// size, gfp -> contents address (kmalloc, kzalloc)
    case allocObject
    /// struct page *
    case freePage
    /// contents address
    case freePageAddress
    /// struct page * -> contents address
    case pageAddress
    /// contents address -> struct page *
    case virtToPage
    /// struct page *: get_page
    case getPage
    /// struct page *: put_page frees on the last reference
    case putPage
    /// struct page * -> struct page *: the head of the compound page a tail
    /// belongs to, else the page (compound_head, page_folio)
    case compoundHead
    /// struct page *, order: makes the page and the 2^order - 1 pages
    /// declared after it one compound page
    case prepareCompound

    /// Whether the operation takes a page from the allocator.
    public var allocates: Bool {
        switch self {
        case .allocPage, .allocPageAddress, .allocObject: return true
        default: return false
        }
    }
}

public enum CPUOperation: UInt8, Sendable {
    case irqDisable, irqEnable
    /// might_sleep(): a sleeping primitive's atomic-context check, alone.
    case mightSleep
    /// -> saved state
    case irqSave
    /// saved state
    case irqRestore
    case bhDisable, bhEnable, preemptDisable, preemptEnable
}
