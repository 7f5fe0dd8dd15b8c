extension Compiler {
    /// The index of the function the compiler writes for `key`, made by
    /// `make` the first time it is asked for: a built-in primitive's own
    /// callback, numbered after the model's functions.
    func synthesizedFunction(_ key: String, make: () -> Function) -> Int {
        if let position = synthesizedFunctions.firstIndex(where: { $0.key == key }) {
            return functionDecls.count + position
        }
        synthesizedFunctions.append((key, make()))
        return functionDecls.count + synthesizedFunctions.count - 1
    }

    /// kfree_rcu's callback for an rcu_head `offset` cells into its object:
    /// back from the head to the object, and kfree() it. Every step is
    /// located at `location`, the kfree_rcu() that queued it.
    func kfreeRCUCallback(offset: Int, at location: SourceLocation) -> Int {
        synthesizedFunction("kfree_rcu \(offset) \(location.line):\(location.column)") {
            let code: [Instruction] = [.loadLocal(0), .offset(-offset), .primitive(.memory(.freePageAddress)), .ret(hasValue: false)]
            return Function(name: "kfree_rcu", location: location, localNames: ["head"], localTypes: [.pointer(.aggregate(TypeTable.rcuHead))],
                            maxStack: 1, code: code, locations: Array(repeating: location, count: code.count), callees: [], frameStackSize: 0)
        }
    }
}

extension Compiler {
    /// The model's __tlb_remove_table(), the arch hook tlb_remove_table()
    /// frees each table with, when the model defines one: one parameter,
    /// no value.
    var tableRemovalHook: Int? {
        guard let index = functionIndex["__tlb_remove_table"], functionDecls[index].parameters.count == 1,
              resolveType(functionDecls[index].returnType) == .void else { return nil }
        return index
    }

    /// tlb_remove_table_rcu(): the RCU callback of a table batch of
    /// `capacity` tables, which __tlb_remove_table()s each table it holds
    /// and frees the batch page. Its steps are located at `location`, the
    /// call that queued it.
    func tableBatchCallback(capacity: Int, at location: SourceLocation) -> Int {
        let hook = tableRemovalHook
        return synthesizedFunction("tlb_remove_table_rcu \(capacity) \(location.line):\(location.column)") {
            typealias Batch = KernelStructs.TableBatch
            var code: [Instruction] = []
            for slot in 0..<capacity {
                let next = code.count + 10
                code += [.loadLocal(0), .offset(Batch.count), .load(.plain), .push(Int64(slot)), .binary(.greater), .jumpIfFalse(next),
                         .loadLocal(0), .offset(Batch.tables + slot), .load(.plain)]
                code.append(hook.map { .call(function: $0, arguments: 1) } ?? .primitive(.memory(.freePage)))
            }
            code += [.loadLocal(0), .primitive(.memory(.freePageAddress)), .ret(hasValue: false)]
            return Function(name: "tlb_remove_table_rcu", location: location, localNames: ["head"], localTypes: [.pointer(.aggregate(TypeTable.rcuHead))],
                            maxStack: 2, code: code, locations: Array(repeating: location, count: code.count),
                            callees: hook.map { [$0] } ?? [], frameStackSize: 0)
        }
    }
}

extension Compiler {
    /// tlb_remove_table_smp_sync(): the IPI handler that "simply delivers
    /// the interrupt", located at `location`, the call that sends it.
    func emptyIPIHandler(at location: SourceLocation) -> Int {
        synthesizedFunction("tlb_remove_table_smp_sync \(location.line):\(location.column)") {
            Function(name: "tlb_remove_table_smp_sync", location: location, localNames: ["arg"], localTypes: [.voidPointer],
                     maxStack: 0, code: [.ret(hasValue: false)], locations: [location], callees: [], frameStackSize: 0)
        }
    }
}
