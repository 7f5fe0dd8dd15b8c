/// The kernel structs every model knows, laid out in cells once. The
/// compiler's type table is built from these layouts; the compiler and the
/// interpreter reach fields by these offsets, never by restating them.
public enum KernelStructs {
    public enum ListHead {
        public static let next = 0
        public static let prev = 1
        public static let size = 2
    }

    public enum RCUHead {
        public static let next = 0
        public static let function = 1
        public static let size = 2
    }

    /// `struct page` (also `struct folio` and `struct ptdesc`). `lru` and
    /// `rcu_head` share their cells, as in the kernel.
    public enum Page {
        public static let flags = 0
        public static let refcount = 1
        public static let mapcount = 2
        public static let ptFragRefcount = 3
        public static let lru = 4
        public static let ptMM = 6
        public static let index = 7
        public static let privateData = 8
        public static let ptl = 9
        public static let size = 10
    }

    /// `mm->context` of an s390 or powerpc mm.
    public enum MMContext {
        public static let lock = 0
        public static let pgtableList = 1
        public static let pteFrag = 3
        public static let size = 4
    }

    public enum MM {
        public static let users = 0
        public static let count = 1
        public static let pageTableLock = 2
        public static let mmapLock = 3
        public static let context = 4
        public static let writeProtectSeq = 8
        public static let size = 9
        /// `context.pgtable_list`, from the start of the mm.
        public static let pgtableList = context + MMContext.pgtableList
    }

    /// `struct srcu_struct`: one word of SRCU readers, bit n set while the
    /// reader whose srcu_read_lock() returned n has not called
    /// srcu_read_unlock().
    public enum SRCU {
        public static let readers = 0
        public static let size = 1
    }

    /// The layouts and the names that reach each, in the order `TypeTable`
    /// numbers them (`TypeTable.listHead` first).
    static var layouts: [(layout: AggregateLayout, names: [String])] {
        let listHead = CType.aggregate(TypeTable.listHead)
        let rcuHead = CType.aggregate(TypeTable.rcuHead)
        let atomic = CType.atomic(.int, name: "atomic_t")
        return [
            (AggregateLayout(name: "list_head", isUnion: false, fields: [
                .init(name: "next", type: .pointer(listHead), offset: ListHead.next),
                .init(name: "prev", type: .pointer(listHead), offset: ListHead.prev),
            ], size: ListHead.size), ["list_head"]),
            (AggregateLayout(name: "rcu_head", isUnion: false, fields: [
                .init(name: "next", type: .pointer(rcuHead), offset: RCUHead.next),
                .init(name: "func", type: .function, offset: RCUHead.function),
            ], size: RCUHead.size), ["rcu_head", "callback_head"]),
            (AggregateLayout(name: "page", isUnion: false, fields: [
                .init(name: "flags", type: .unsignedLong, offset: Page.flags),
                .init(name: "_refcount", type: atomic, offset: Page.refcount),
                .init(name: "_mapcount", type: atomic, offset: Page.mapcount),
                .init(name: "pt_frag_refcount", type: atomic, offset: Page.ptFragRefcount),
                .init(name: "lru", type: listHead, offset: Page.lru),
                .init(name: "rcu_head", type: rcuHead, offset: Page.lru),
                .init(name: "pt_rcu_head", type: rcuHead, offset: Page.lru),
                .init(name: "pt_list", type: listHead, offset: Page.lru),
                .init(name: "pt_mm", type: .pointer(.aggregate(TypeTable.mm)), offset: Page.ptMM),
                .init(name: "index", type: .unsignedLong, offset: Page.index),
                .init(name: "private", type: .unsignedLong, offset: Page.privateData),
                .init(name: "ptl", type: .spinlock, offset: Page.ptl),
            ], size: Page.size), ["page", "folio", "ptdesc"]),
            (AggregateLayout(name: "mm_context", isUnion: false, fields: [
                .init(name: "lock", type: .spinlock, offset: MMContext.lock),
                .init(name: "pgtable_list", type: listHead, offset: MMContext.pgtableList),
                .init(name: "pte_frag", type: .voidPointer, offset: MMContext.pteFrag),
            ], size: MMContext.size), ["mm_context"]),
            (AggregateLayout(name: "mm_struct", isUnion: false, fields: [
                .init(name: "mm_users", type: atomic, offset: MM.users),
                .init(name: "mm_count", type: atomic, offset: MM.count),
                .init(name: "page_table_lock", type: .spinlock, offset: MM.pageTableLock),
                .init(name: "mmap_lock", type: .long, offset: MM.mmapLock),
                .init(name: "context", type: .aggregate(TypeTable.mmContext), offset: MM.context),
                .init(name: "write_protect_seq", type: .long, offset: MM.writeProtectSeq),
            ], size: MM.size), ["mm_struct"]),
            (AggregateLayout(name: "srcu_struct", isUnion: false, fields: [
                .init(name: "readers", type: .unsignedLong, offset: SRCU.readers),
            ], size: SRCU.size), ["srcu_struct"]),
        ]
    }
}
