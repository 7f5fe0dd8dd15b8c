extension PrimitiveCatalogue {
    /// What the reference says of the family before its table.
    static let locksIntroduction = """
        A spinlock's word records the context that holds it. Taking a held lock
        waits until it is released; taking a lock that the same context already
        holds is a `deadlock` at once. A CPU holding a spinlock is an RCU reader
        under `rcu=consolidated`, and may not sleep. `flags` arguments must name
        local variables.

        The reader-writer locks may sleep, so taking one in atomic context is
        `sleep-in-atomic`; any number of readers or one writer hold one. The
        `mmap_` forms take the mm's `mmap_lock`; `down_read` and the others take a
        `struct rw_semaphore` (or a lock word of the model's own, an `unsigned
        long`), the `i_mmap_` forms a lock word.

        A `struct mutex` is held by one context and may sleep: `mutex_lock` in
        atomic context is `sleep-in-atomic`, and so is any mutex primitive in
        softirq or IPI context. Holding a mutex makes a CPU neither an RCU reader
        nor atomic. Objects of both types start unlocked in the init block.
        """

    /// Spinlocks, whose word holds the holding context, and the sleeping
    /// reader-writer locks (mmap_lock, i_mmap_rwsem).
    static var locks: [PrimitiveEntry] {
        spinlocks + sleepingLocks + mutexes
    }

    private static var spinlocks: [PrimitiveEntry] {
        let lock = Parameter("lock", .pointer(.spinlock))
        let taking = "takes the lock when it is free and blocks while another context holds it; the context that holds it taking it again is an AA deadlock."
        let takes = "T" + taking.dropFirst()
        let releasing = "Releases the lock; unlocking a lock this context does not hold is unlock-unheld."
        let acquiring: [ViolationKind] = [.deadlock, .useAfterFree, .bug]
        let unlocking: [ViolationKind] = [.unlockUnheld, .useAfterFree, .bug]
        func entry(_ name: String, aliases: [String] = [], _ signature: PrimitiveSignature, _ operation: LockOperation,
                   ordering: OrderingClass, events: [EventKind], violations: [ViolationKind], summary: String, effect: String) -> PrimitiveEntry {
            PrimitiveEntry(name, aliases: aliases, signature, ordering: ordering, events: events, violations: violations,
                           implementation: "executeLock", summary: summary, effect: effect,
                           lowering: .emit(.primitive(.lock(operation))))
        }
        return [
            entry("spin_lock", aliases: ["raw_spin_lock"], PrimitiveSignature(.none, [lock]), .lock, ordering: .acquire,
                  events: [.lock], violations: acquiring, summary: "Takes a spinlock.", effect: takes),
            entry("spin_lock_nested", PrimitiveSignature(.none, [lock, Parameter("subclass", .constant("int"))]), .lock, ordering: .acquire,
                  events: [.lock], violations: acquiring, summary: "Takes a spinlock; the lockdep subclass is not modelled.", effect: takes),
            entry("spin_unlock", aliases: ["raw_spin_unlock"], PrimitiveSignature(.none, [lock]), .unlock, ordering: .release,
                  events: [.unlock], violations: unlocking, summary: "Releases a spinlock.", effect: releasing),
            entry("spin_lock_bh", PrimitiveSignature(.none, [lock]), .lockBH, ordering: .acquire,
                  events: [.lock], violations: acquiring, summary: "Disables bh on this CPU and takes a spinlock.", effect: "Raises the CPU's bh-disable count, then: " + taking),
            entry("spin_unlock_bh", PrimitiveSignature(.none, [lock]), .unlockBH, ordering: .release,
                  events: [.unlock], violations: unlocking, summary: "Releases a spinlock and re-enables bh.",
                  effect: releasing + " Lowers the bh-disable count; ready RCU callbacks then run in softirq before the task goes on."),
            entry("spin_lock_irq", PrimitiveSignature(.none, [lock]), .lockIRQ, ordering: .acquire,
                  events: [.lock], violations: acquiring, summary: "Disables IRQs on this CPU and takes a spinlock.", effect: "Disables IRQs, then: " + taking),
            entry("spin_unlock_irq", PrimitiveSignature(.none, [lock]), .unlockIRQ, ordering: .release,
                  events: [.unlock], violations: unlocking, summary: "Releases a spinlock and enables IRQs.", effect: releasing + " Enables IRQs."),
            entry("spin_unlock_irqrestore", PrimitiveSignature(.none, [lock, Parameter("flags", .integer("unsigned long"))]), .unlockIRQRestore,
                  ordering: .release, events: [.unlock], violations: unlocking, summary: "Releases a spinlock and restores the saved IRQ state.",
                  effect: releasing + " IRQs end up as flags says."),
            entry("spin_trylock", PrimitiveSignature(.type(.int), [lock]), .tryLock, ordering: .onSuccess(.acquire),
                  events: [.lock], violations: [.useAfterFree, .bug], summary: "Takes a spinlock if it is free; returns 1 if it did.",
                  effect: "Takes the lock when it is free and returns 1; returns 0 without waiting when it is held."),
            entry("spin_is_locked", PrimitiveSignature(.type(.int), [lock]), .isLocked, ordering: .relaxedAccess,
                  events: [.read], violations: [.useAfterFree, .bug], summary: "Returns whether a spinlock is held.",
                  effect: "Reads the lock word: 1 when some context holds it."),
            PrimitiveEntry(
                "spin_lock_irqsave", PrimitiveSignature(.none, [lock, Parameter("flags", .outLocal("unsigned long"))]),
                ordering: .acquire, events: [.lock], violations: acquiring, implementation: "executeLock",
                summary: "Saves the IRQ state in flags, disables IRQs and takes a spinlock.",
                effect: "Stores whether IRQs were disabled in the local flags, disables them, then: " + taking,
                lowering: .custom { compiler, call in
                    compiler.emit(.primitive(.lock(.lockIRQSave)))
                    compiler.emit(.storeLocal(call.locals[1]!))
                    return .void
                }),
        ]
    }

    private static var sleepingLocks: [PrimitiveEntry] {
        let mm = Parameter("mm", .pointer(.mm), then: field(KernelStructs.MM.mmapLock))
        let semaphore = Parameter("sem", .pointer(.rwSemaphore))
        let mapping = Parameter("mapping", .pointer(.lockWord))
        let sleeps = " It sleeps: taking it in atomic context is a violation."
        func lock(_ name: String, _ parameter: Parameter, _ operation: LockOperation) -> PrimitiveEntry {
            let reading = operation == .readLock
            return PrimitiveEntry(
                name, PrimitiveSignature(.none, [parameter]),
                ordering: .acquire, events: [.lock], violations: [.sleepInAtomic, .deadlock, .useAfterFree, .bug], implementation: "executeLock",
                summary: reading ? "Takes a reader-writer lock for reading." : "Takes a reader-writer lock for writing.",
                effect: (reading ? "Joins the readers; blocks while a writer holds the lock." : "Takes the lock alone; blocks while anyone holds it.") + sleeps,
                lowering: .emit(.primitive(.lock(operation))))
        }
        func unlock(_ name: String, _ parameter: Parameter, _ operation: LockOperation) -> PrimitiveEntry {
            let reading = operation == .readUnlock
            return PrimitiveEntry(
                name, PrimitiveSignature(.none, [parameter]),
                ordering: .release, events: [.unlock], violations: [.unlockUnheld, .useAfterFree, .bug], implementation: "executeLock",
                summary: reading ? "Releases a reader-writer lock held for reading." : "Releases a reader-writer lock held for writing.",
                effect: "Releases the lock; releasing it when it is not held that way is unlock-unheld.",
                lowering: .emit(.primitive(.lock(operation))))
        }
        func tryLock(_ name: String, _ parameter: Parameter) -> PrimitiveEntry {
            PrimitiveEntry(
                name, PrimitiveSignature(.type(.int), [parameter]),
                ordering: .onSuccess(.acquire), events: [.lock], violations: [.sleepInAtomic, .useAfterFree, .bug], implementation: "executeLock",
                summary: "Takes a reader-writer lock for writing if nobody holds it; returns 1 if it did.",
                effect: "Takes the lock alone when it is free and returns 1; returns 0 without waiting otherwise." + sleeps,
                lowering: .emit(.primitive(.lock(.writeTryLock))))
        }
        return [
            lock("mmap_read_lock", mm, .readLock), unlock("mmap_read_unlock", mm, .readUnlock),
            lock("mmap_write_lock", mm, .writeLock), unlock("mmap_write_unlock", mm, .writeUnlock),
            tryLock("mmap_write_trylock", mm),
            PrimitiveEntry(
                "init_rwsem", PrimitiveSignature(.none, [semaphore]),
                ordering: .relaxedAccess, events: [.write], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Initialises a reader-writer semaphore: nobody holds it.",
                effect: "Stores 0 into the lock word.", lowering: .emit(.push(0), .store(.once, nil))),
            lock("down_read", semaphore, .readLock), unlock("up_read", semaphore, .readUnlock),
            lock("down_write", semaphore, .writeLock), unlock("up_write", semaphore, .writeUnlock),
            tryLock("down_write_trylock", semaphore),
            lock("i_mmap_lock_read", mapping, .readLock), unlock("i_mmap_unlock_read", mapping, .readUnlock),
            lock("i_mmap_lock_write", mapping, .writeLock), unlock("i_mmap_unlock_write", mapping, .writeUnlock),
        ]
    }

    private static var mutexes: [PrimitiveEntry] {
        let lock = Parameter("lock", .pointer(.mutex))
        func entry(_ name: String, _ result: ResultType, _ operation: LockOperation, ordering: OrderingClass, events: [EventKind],
                   violations: [ViolationKind], summary: String, effect: String) -> PrimitiveEntry {
            PrimitiveEntry(name, PrimitiveSignature(result, [lock]), ordering: ordering, events: events, violations: violations,
                           implementation: "executeMutex", summary: summary, effect: effect, lowering: .emit(.primitive(.lock(operation))))
        }
        return [
            PrimitiveEntry(
                "mutex_init", PrimitiveSignature(.none, [lock]),
                ordering: .relaxedAccess, events: [.write], violations: [.useAfterFree, .bug], implementation: "execute",
                summary: "Initialises a mutex: nobody holds it.", effect: "Stores 0 into the owner word.",
                lowering: .emit(.push(0), .store(.once, nil))),
            entry("mutex_lock", .none, .mutexLock, ordering: .acquire, events: [.lock],
                  violations: [.sleepInAtomic, .deadlock, .useAfterFree, .bug], summary: "Takes a mutex, sleeping while another context holds it.",
                  effect: "Takes the mutex when it is free and blocks while another context holds it; the holder taking it again is an AA deadlock. It sleeps: in atomic context it is sleep-in-atomic."),
            entry("mutex_trylock", .type(.int), .mutexTryLock, ordering: .onSuccess(.acquire), events: [.lock],
                  violations: [.sleepInAtomic, .useAfterFree, .bug], summary: "Takes a mutex if it is free; returns 1 if it did.",
                  effect: "Takes the mutex when it is free and returns 1; returns 0 without waiting when it is held. In softirq or IPI context it is sleep-in-atomic."),
            entry("mutex_unlock", .none, .mutexUnlock, ordering: .release, events: [.unlock],
                  violations: [.unlockUnheld, .useAfterFree, .bug], summary: "Releases a mutex.",
                  effect: "Releases the mutex; releasing one this context does not hold is unlock-unheld."),
            PrimitiveEntry(
                "mutex_is_locked", PrimitiveSignature(.type(.int), [lock]),
                ordering: .relaxedAccess, events: [.read], violations: [.useAfterFree, .bug], implementation: "executeLock",
                summary: "Returns whether a mutex is held.", effect: "Reads the owner word: 1 when some context holds the mutex.",
                lowering: .emit(.primitive(.lock(.isLocked)))),
        ]
    }
}
