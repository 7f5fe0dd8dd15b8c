/// The mmu_gather API (mm/mmu_gather.c) compiled to the steps the kernel
/// takes: each primitive becomes the sequence of accesses, allocation,
/// TLB flush, IPI and call_rcu() its kernel function makes, located at the
/// call. The gather's fields are read and written plainly: on munmap's
/// stack, as in the kernel, they are the context's own and no steps.
extension FunctionCompiler {
    private typealias Gather = KernelStructs.MMUGather
    private typealias Batch = KernelStructs.TableBatch

    /// tlb_gather_mmu(tlb, mm): the gather starts empty for mm.
    mutating func tlbGatherMMU(_ call: PrimitiveCall) -> CType? {
        let mm = hiddenLocal()
        let tlb = hiddenLocal()
        emit(.storeLocal(mm))
        emit(.storeLocal(tlb))
        storeField(tlb, Gather.mm) { $0.emit(.loadLocal(mm)) }
        storeField(tlb, Gather.batch) { $0.emit(.push(0)) }
        storeField(tlb, Gather.pageCount) { $0.emit(.push(0)) }
        return .void
    }

    /// tlb_remove_table(tlb, table), as table_free= says the arch frees
    /// page tables.
    mutating func tlbRemoveTable(_ call: PrimitiveCall) -> CType? {
        let table = hiddenLocal()
        let tlb = hiddenLocal()
        emit(.storeLocal(table))
        emit(.storeLocal(tlb))
        guard context.config.tableFree == .rcu else {
            gatherPage(tlb: tlb, page: table)
            return .void
        }
        guard let capacity = tableBatchCapacity(call) else { return nil }
        if context.functionIndex["__tlb_remove_table"] != nil && context.tableRemovalHook == nil {
            error("'\(call.name)' frees each table with the model's __tlb_remove_table, which must take one argument (void *table) and return void", at: call.location)
            return nil
        }
        let batch = hiddenLocal()
        let count = hiddenLocal()
        // if (*batch == NULL) { *batch = __get_free_page(GFP_NOWAIT | __GFP_NOWARN); ...
        loadField(tlb, Gather.batch)
        emit(.storeLocal(batch))
        emit(.loadLocal(batch))
        let haveBatch = emitJump { .jumpIfTrue($0) }
        emit(.push(KernelConstants.GFP.noWait))
        emit(.primitive(.memory(.allocPageAddress)))
        emit(.storeLocal(batch))
        storeField(tlb, Gather.batch) { $0.emit(.loadLocal(batch)) }
        emit(.loadLocal(batch))
        let allocated = emitJump { .jumpIfTrue($0) }
        // tlb_table_invalidate(tlb); tlb_remove_table_one(table): the IPI
        // syncs with IRQ-disabled walkers only, then the table goes at once.
        emit(.primitive(.tlb(.flush)))
        syncWithIRQsOffWalkers()
        emit(.loadLocal(table))
        removeTable()
        let done = emitJump { .jump($0) }
        // (*batch)->nr = 0;
        patch(allocated, to: code.count)
        storeField(batch, Batch.count) { $0.emit(.push(0)) }
        // (*batch)->tables[(*batch)->nr++] = table;
        patch(haveBatch, to: code.count)
        loadField(batch, Batch.count)
        emit(.storeLocal(count))
        emit(.loadLocal(batch))
        emit(.offset(Batch.tables))
        emit(.loadLocal(count))
        emit(.index(stride: 1, bound: capacity))
        emit(.loadLocal(table))
        emit(.store(.plain, nil))
        storeField(batch, Batch.count) {
            $0.emit(.loadLocal(count))
            $0.emit(.push(1))
            $0.emit(.binary(.add))
        }
        // if ((*batch)->nr == MAX_TABLE_BATCH) tlb_table_flush(tlb);
        emit(.loadLocal(count))
        emit(.push(Int64(capacity - 1)))
        emit(.binary(.equal))
        let notFull = emitJump { .jumpIfFalse($0) }
        emit(.primitive(.tlb(.flush)))
        queueTableBatch(tlb: tlb, capacity: capacity)
        patch(notFull, to: code.count)
        patch(done, to: code.count)
        return .void
    }

    /// tlb_remove_table_sync_one(): an IPI that does nothing, sent to every
    /// other CPU and waited for.
    mutating func syncWithIRQsOffWalkers() {
        emit(.push(ValueEncoding.function(context.emptyIPIHandler(at: location))))
        emit(.push(0))
        emit(.push(1))
        emit(.primitive(.ipi(.send)))
    }

    /// tlb_remove_page(tlb, page): gathered, freed after the TLB flush.
    mutating func tlbRemovePage(_ call: PrimitiveCall) -> CType? {
        let page = hiddenLocal()
        let tlb = hiddenLocal()
        emit(.storeLocal(page))
        emit(.storeLocal(tlb))
        gatherPage(tlb: tlb, page: page)
        return .void
    }

    /// tlb_flush_mmu(tlb) and tlb_finish_mmu(tlb): the TLB flush, then the
    /// table batch to call_rcu(), then the gathered pages freed.
    mutating func tlbFlushMMU(_ call: PrimitiveCall) -> CType? {
        let tlb = hiddenLocal()
        emit(.storeLocal(tlb))
        flushGather(tlb: tlb)
        return .void
    }

    // MARK: Pieces

    /// MAX_TABLE_BATCH: the tables the batch page holds after its rcu_head
    /// and count; nil when tables are not batched (table_free=pages) or the
    /// page has no room for one, so that no batch can exist.
    private var batchCapacity: Int? {
        let capacity = context.config.pageWords - Batch.tables
        return context.config.tableFree == .rcu && capacity >= 1 ? capacity : nil
    }

    /// MAX_TABLE_BATCH for a tlb_remove_table() under table_free=rcu, or
    /// nil after an error: the batch needs a page with room for a table.
    private mutating func tableBatchCapacity(_ call: PrimitiveCall) -> Int? {
        guard let capacity = batchCapacity else {
            error("'\(call.name)' keeps its table batch in a page (an rcu_head, a count and the tables): it needs Config: page_words=\(Batch.tables + 1) or more", at: call.location)
            return nil
        }
        return capacity
    }

    private mutating func loadField(_ pointer: Int, _ offset: Int) {
        emit(.loadLocal(pointer))
        if offset != 0 { emit(.offset(offset)) }
        emit(.load(.plain))
    }

    private mutating func storeField(_ pointer: Int, _ offset: Int, value: (inout FunctionCompiler) -> Void) {
        emit(.loadLocal(pointer))
        if offset != 0 { emit(.offset(offset)) }
        value(&self)
        emit(.store(.plain, nil))
    }

    /// __tlb_remove_table() of the table on the stack: the model's own, the
    /// arch hook, when it defines one; else the generic free of the table's
    /// page.
    private mutating func removeTable() {
        if let hook = context.tableRemovalHook {
            callees.insert(hook)
            emit(.call(function: hook, arguments: 1))
        } else {
            emit(.primitive(.memory(.freePage)))
        }
    }

    /// tlb->pages[tlb->nr_pages++] = page, and tlb_flush_mmu() when full.
    private mutating func gatherPage(tlb: Int, page: Int) {
        let count = hiddenLocal()
        loadField(tlb, Gather.pageCount)
        emit(.storeLocal(count))
        emit(.loadLocal(tlb))
        emit(.offset(Gather.pages))
        emit(.loadLocal(count))
        emit(.index(stride: 1, bound: Gather.pageCapacity))
        emit(.loadLocal(page))
        emit(.store(.plain, nil))
        storeField(tlb, Gather.pageCount) {
            $0.emit(.loadLocal(count))
            $0.emit(.push(1))
            $0.emit(.binary(.add))
        }
        emit(.loadLocal(count))
        emit(.push(Int64(Gather.pageCapacity - 1)))
        emit(.binary(.equal))
        let notFull = emitJump { .jumpIfFalse($0) }
        flushGather(tlb: tlb)
        patch(notFull, to: code.count)
    }

    /// tlb_table_flush() after its invalidation: a batch goes to call_rcu()
    /// (tlb_remove_table_rcu() frees its tables and itself), and the gather
    /// has none.
    private mutating func queueTableBatch(tlb: Int, capacity: Int) {
        let batch = hiddenLocal()
        loadField(tlb, Gather.batch)
        emit(.storeLocal(batch))
        emit(.loadLocal(batch))
        let none = emitJump { .jumpIfFalse($0) }
        emit(.loadLocal(batch))
        emit(.push(ValueEncoding.function(context.tableBatchCallback(capacity: capacity, at: location))))
        emit(.primitive(.rcu(.call(.normal))))
        storeField(tlb, Gather.batch) { $0.emit(.push(0)) }
        patch(none, to: code.count)
    }

    /// tlb_flush_mmu(): tlb_flush_mmu_tlbonly(), then tlb_table_flush()
    /// (whose own invalidation finds nothing left to flush) when tables are
    /// batched, then tlb_batch_pages_flush(): a reference dropped on each
    /// gathered page.
    private mutating func flushGather(tlb: Int) {
        emit(.primitive(.tlb(.flush)))
        if let capacity = batchCapacity { queueTableBatch(tlb: tlb, capacity: capacity) }
        for slot in 0..<Gather.pageCapacity {
            loadField(tlb, Gather.pageCount)
            emit(.push(Int64(slot)))
            emit(.binary(.greater))
            let empty = emitJump { .jumpIfFalse($0) }
            loadField(tlb, Gather.pages + slot)
            emit(.primitive(.memory(.putPage)))
            patch(empty, to: code.count)
        }
        storeField(tlb, Gather.pageCount) { $0.emit(.push(0)) }
    }
}
