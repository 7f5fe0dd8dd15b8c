/// One parameter of a primitive's C signature: its name, and the kind of
/// argument the compiler checks and compiles for it.
public struct Parameter: Sendable {
    public let name: String
    public let kind: ParameterKind
    /// Emitted right after the argument's value: an offset to the field the
    /// primitive works on (`_refcount` of a struct page).
    let then: [Instruction]

    init(_ name: String, _ kind: ParameterKind, then: [Instruction] = []) {
        self.name = name
        self.kind = kind
        self.then = then
    }

    /// The parameter as its C declaration reads: `struct rcu_head *head`;
    /// a macro's type or member argument is its name alone.
    public var declaration: String {
        declaration(as: kind.cType)
    }

    func declaration(as type: String) -> String {
        switch kind {
        case .type, .member: return name
        default: return type.hasSuffix("*") ? type + name : type + " " + name
        }
    }
}

/// What an argument must be, and what compiling it leaves on the operand stack.
public enum ParameterKind: Sendable {
    /// A pointer whose pointee `target` accepts; pushes the pointer.
    case pointer(PointerTarget)
    /// Any integer; pushes it. The string is the C type the reference shows.
    case integer(String)
    /// Any number or pointer; pushes it.
    case value(String)
    /// Evaluated and dropped: an `mm` or `addr` that only locates something
    /// in the kernel, which a model may pass as NULL or 0.
    case locating(String)
    /// An address in a page's contents (not a `struct page *`); pushes it.
    case address(String)
    /// A `pmd_t` or `pte_t` by value; pushes it.
    case entry(CType)
    /// An lvalue the primitive reads or writes in place (`READ_ONCE(*p)`):
    /// pushes its address when it is in memory, nothing for a register.
    case place
    /// A value stored into the place or pointee of parameter `into`; pushes it.
    case stored(into: Int, StoredValue)
    /// A function value; pushes it.
    case callback(String, Callback)
    /// A local variable the primitive writes (`flags` of local_irq_save),
    /// named bare or by its address; pushes nothing. A required type is
    /// checked with `message`.
    case outLocal(String, requiredType: CType? = nil, message: String? = nil)
    /// try_cmpxchg's `&old`: a local that holds the expected value and gets
    /// the value found; pushes its value.
    case expectedLocal
    /// An integer constant expression in `range`, or `message`; pushes nothing.
    case constant(String, ClosedRange<Int64>? = nil, message: String? = nil)
    /// Never evaluated: lockdep conditions, WARN's format; pushes nothing.
    case unevaluated(String)
    /// A type name (container_of); the lowering reads it.
    case type
    /// A member name or dotted path (container_of); the lowering reads it.
    case member

    /// The C type the reference shows for the parameter.
    public var cType: String {
        switch self {
        case .pointer(let target): return target.cType
        case .integer(let type), .value(let type), .locating(let type), .address(let type), .constant(let type, _, _),
             .unevaluated(let type), .callback(let type, _), .outLocal(let type, _, _): return type
        case .entry(let type): return type == .pmd ? "pmd_t" : "pte_t"
        case .place, .stored: return "T"
        case .expectedLocal: return "int *"
        case .type: return "type"
        case .member: return "member"
        }
    }

    /// Whether a call's argument in this position is a type or a member
    /// name rather than an expression, for the parser.
    var macroShape: Parser.MacroArgumentShape {
        switch self {
        case .type: return .type
        case .member: return .member
        default: return .expression
        }
    }

    /// Locals named by these arguments are written, not addressed: they do
    /// not move to stack memory.
    var isOutLocal: Bool {
        switch self {
        case .outLocal, .expectedLocal: return true
        default: return false
        }
    }
}

/// How a stored value is checked against where it goes.
public enum StoredValue: Sendable {
    /// Assignable to the place (WRITE_ONCE) or pointee (smp_store_release);
    /// an error names it "value of NAME".
    case value
    /// The same check, naming it "argument N of 'NAME'" (set_pte_at).
    case argument
    /// xchg and cmpxchg on any word: a pointer for a pointer, else any
    /// integer; named "argument N of 'NAME'".
    case word
}

/// How a function argument is checked.
public struct Callback: Sendable {
    /// What the argument must be, in a type mismatch: "a callback function".
    public var expectation: String
    /// Set when a named function must take exactly one parameter: the
    /// error's first half ("an RCU callback takes one 'struct rcu_head *'").
    public var takesOne: String?
}

/// What a pointer argument must point at.
public enum PointerTarget: Sendable {
    case page, folio, pgtable
    case listHead, rcuHead, srcu, mm, spinlock, pmd, pte
    case mutex, refcount, kref, hlistHead, hlistNode, mmuGather
    /// tlb_walk's slot: a pmd_t or a pte_t.
    case tableSlot
    /// An atomic_t of the named width; any atomic is accepted.
    case atomic(String)
    /// The word of a bit operation: an integer, an atomic or a pointer.
    case word
    /// Any scalar (smp_load_acquire's `T *`).
    case scalar
    /// Any scalar but a spinlock (xchg's `T *`).
    case exchangeable
    /// A sleeping lock's word (i_mmap_lock_read's mapping): a word of the
    /// model's own, an unsigned long declared in the init block.
    case lockWord
    /// down_read's semaphore: a struct rw_semaphore, or a lock word.
    case rwSemaphore

    public var cType: String {
        switch self {
        case .page: return "struct page *"
        case .folio: return "struct folio *"
        case .pgtable: return "pgtable_t"
        case .listHead: return "struct list_head *"
        case .rcuHead: return "struct rcu_head *"
        case .srcu: return "struct srcu_struct *"
        case .mm: return "struct mm_struct *"
        case .spinlock: return "spinlock_t *"
        case .pmd: return "pmd_t *"
        case .pte: return "pte_t *"
        case .mutex: return "struct mutex *"
        case .refcount: return "refcount_t *"
        case .kref: return "struct kref *"
        case .hlistHead: return "struct hlist_head *"
        case .hlistNode: return "struct hlist_node *"
        case .mmuGather: return "struct mmu_gather *"
        case .tableSlot: return "pmd_t *"
        case .atomic(let name): return name + " *"
        case .word: return "unsigned long *"
        case .scalar, .exchangeable: return "T *"
        case .lockWord: return "unsigned long *"
        case .rwSemaphore: return "struct rw_semaphore *"
        }
    }

    /// The C type of the pointee, where a value stored into it has one.
    var pointeeType: String? {
        switch self {
        case .pmd: return "pmd_t"
        case .pte: return "pte_t"
        default: return nil
        }
    }

    /// What a type mismatch says the argument must be.
    var expectation: String {
        switch self {
        case .tableSlot: return "pmd_t * or pte_t *"
        case .lockWord: return "a pointer to a lock word"
        case .rwSemaphore: return "struct rw_semaphore * or a pointer to a lock word"
        default: return cType
        }
    }

    func accepts(_ pointee: CType) -> Bool {
        switch self {
        case .page, .folio, .pgtable: return pointee == .aggregate(TypeTable.page)
        case .listHead: return pointee == .aggregate(TypeTable.listHead)
        case .rcuHead: return pointee == .aggregate(TypeTable.rcuHead)
        case .srcu: return pointee == .aggregate(TypeTable.srcu)
        case .mm: return pointee == .aggregate(TypeTable.mm)
        case .spinlock: return pointee == .spinlock
        case .pmd: return pointee == .pmd
        case .pte: return pointee == .pte
        case .mutex: return pointee == .aggregate(TypeTable.mutex)
        case .refcount: return pointee == .aggregate(TypeTable.refcount)
        case .kref: return pointee == .aggregate(TypeTable.kref)
        case .hlistHead: return pointee == .aggregate(TypeTable.hlistHead)
        case .hlistNode: return pointee == .aggregate(TypeTable.hlistNode)
        case .mmuGather: return pointee == .aggregate(TypeTable.mmuGather)
        case .tableSlot: return pointee == .pmd || pointee == .pte
        case .atomic:
            if case .atomic = pointee { return true }
            return false
        case .word:
            if case .atomic = pointee { return true }
            return pointee.isInteger || pointee.isPointer
        case .scalar: return pointee.isScalar && pointee != .void
        case .lockWord: return pointee.isScalar && pointee != .void
        case .rwSemaphore: return pointee == .aggregate(TypeTable.rwSemaphore) || (pointee.isScalar && pointee != .void)
        case .exchangeable: return pointee.isScalar && pointee != .void && pointee != .spinlock
        }
    }
}
