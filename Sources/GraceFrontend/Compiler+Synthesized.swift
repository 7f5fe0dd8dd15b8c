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
