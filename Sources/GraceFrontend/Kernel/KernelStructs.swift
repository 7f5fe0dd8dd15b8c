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
        /// On a tail page of a compound page, the head's address + 1 (bit 0
        /// marks a tail, as in the kernel); 0 otherwise.
        public static let compoundHead = 10
        public static let size = 11
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

    /// `struct mutex`: the holding context's token, 0 when free.
    public enum Mutex {
        public static let owner = 0
        public static let size = 1
    }

    /// `struct rw_semaphore`: the lock word of the sleeping reader-writer
    /// locks, the number of readers or -1 for a writer.
    public enum RWSemaphore {
        public static let count = 0
        public static let size = 1
    }

    /// `refcount_t` (`struct refcount_struct`), and `struct kref`, which
    /// holds one.
    public enum Refcount {
        public static let refs = 0
        public static let size = 1
        /// REFCOUNT_SATURATED, INT_MIN / 2: where a count stays once the
        /// kernel has warned about it.
        public static let saturated: Int64 = Int64(Int32.min / 2)
    }

    /// `struct hlist_head` and `struct hlist_node`: `pprev` points at the
    /// `next` (or the head's `first`) that points at the node.
    public enum HListHead {
        public static let first = 0
        public static let size = 1
    }

    public enum HListNode {
        public static let next = 0
        public static let pprev = 1
        public static let size = 2
    }

    /// `struct mmu_gather`, as the built-in mmu_gather primitives use it:
    /// the mm, the table batch (a page from __get_free_page() holding an
    /// rcu_head, a count and the tables), and the pages gathered for
    /// freeing after the TLB flush.
    public enum MMUGather {
        public static let mm = 0
        public static let batch = 1
        public static let pageCount = 2
        public static let pages = 3
        /// Pages tlb_remove_page() gathers before it must flush.
        public static let pageCapacity = 4
        public static let size = pages + pageCapacity
    }

    /// The batch of tables in the contents of an mmu_gather's batch page
    /// (`struct mmu_table_batch`): rcu_head, nr, tables[].
    public enum TableBatch {
        public static let rcu = 0
        public static let count = 2
        public static let tables = 3
    }

    /// The built-in structs a model may declare for itself, as the models
    /// that write out the API they implement do: its declaration replaces
    /// the built-in one, and the primitives that take the built-in one are
    /// then the model's to write.
    public static let replaceable: Set<String> = ["mutex", "rw_semaphore", "refcount_struct", "kref", "hlist_head", "hlist_node", "mmu_gather"]

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
                .init(name: "compound_head", type: .unsignedLong, offset: Page.compoundHead),
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
            (AggregateLayout(name: "mutex", isUnion: false, fields: [
                .init(name: "owner", type: .long, offset: Mutex.owner),
            ], size: Mutex.size), ["mutex"]),
            (AggregateLayout(name: "rw_semaphore", isUnion: false, fields: [
                .init(name: "count", type: .long, offset: RWSemaphore.count),
            ], size: RWSemaphore.size), ["rw_semaphore"]),
            (AggregateLayout(name: "refcount_struct", isUnion: false, fields: [
                .init(name: "refs", type: atomic, offset: Refcount.refs),
            ], size: Refcount.size), ["refcount_struct"]),
            (AggregateLayout(name: "kref", isUnion: false, fields: [
                .init(name: "refcount", type: .aggregate(TypeTable.refcount), offset: Refcount.refs),
            ], size: Refcount.size), ["kref"]),
            (AggregateLayout(name: "hlist_head", isUnion: false, fields: [
                .init(name: "first", type: .pointer(.aggregate(TypeTable.hlistNode)), offset: HListHead.first),
            ], size: HListHead.size), ["hlist_head"]),
            (AggregateLayout(name: "hlist_node", isUnion: false, fields: [
                .init(name: "next", type: .pointer(.aggregate(TypeTable.hlistNode)), offset: HListNode.next),
                .init(name: "pprev", type: .pointer(.pointer(.aggregate(TypeTable.hlistNode))), offset: HListNode.pprev),
            ], size: HListNode.size), ["hlist_node"]),
            (AggregateLayout(name: "mmu_gather", isUnion: false, fields: [
                .init(name: "mm", type: .pointer(.aggregate(TypeTable.mm)), offset: MMUGather.mm),
                .init(name: "batch", type: .voidPointer, offset: MMUGather.batch),
                .init(name: "nr_pages", type: .unsignedLong, offset: MMUGather.pageCount),
                .init(name: "pages", type: .array(.pointer(.aggregate(TypeTable.page)), count: MMUGather.pageCapacity), offset: MMUGather.pages),
            ], size: MMUGather.size), ["mmu_gather"]),
        ]
    }
}
