import GraceFrontend

/// The interpreter's side of the shared-memory seam. A primitive touches
/// shared memory only through these: `resolve` a pointer to its cell (or
/// the violation of touching it), then `load`, `store` or `update` the cell
/// through the memory model, which records the access as a `MemoryAccess`
/// and, unless the primitive prints its own line, notes the trace line.
/// Each comes in two forms: from a pointer (resolving it), and from a cell
/// already resolved.
extension Interpreter {
    // MARK: Resolving

    /// The cell `pointer` designates for an access of `kind` in `role`, or
    /// the violation of touching it: not a pointer, beyond its object, or
    /// into an object freed since the pointer was taken.
    func resolve(_ pointer: Int64, for kind: MemoryAccess.Kind, as role: MemoryAccess.Role, _ state: MachineState) throws(Violation) -> Int {
        let access = role.describe(kind)
        guard let object = ValueEncoding.object(of: pointer), object < program.objects.count else {
            throw Violation(.bug, badPointerMessage(pointer, access: access), access: kind)
        }
        let info = program.objects[object]
        let offset = ValueEncoding.offset(of: pointer)
        guard offset < info.size else {
            if info.kind == .page {
                throw Violation(.bug, "\(access) beyond the end of \(info.name)'s contents (word \(offset - info.contentsOffset) of \(info.size - info.contentsOffset))", object: object, access: kind)
            }
            throw Violation(.bug, "\(access) beyond the end of \(info.name) (cell \(offset) of \(info.size))", object: object, access: kind)
        }
        if info.isLifetimeChecked(offset: offset),
           !isAlive(object, state) || generation(object, state) != ValueEncoding.generation(of: pointer) {
            let what = symbols.cell(info.base + offset)
            let reused = isAlive(object, state) ? " (it has since been allocated again)" : ""
            throw Violation(.useAfterFree, "\(access) of \(what) after \(info.name) was freed\(reused)", object: object, access: kind)
        }
        return info.base + offset
    }

    func badPointerMessage(_ pointer: Int64, access: String) -> String {
        switch pointer {
        case 0: return "NULL pointer dereference (\(access))"
        case ValueEncoding.listPoison1, ValueEncoding.listPoison2: return "\(access) through LIST_POISON: a deleted list entry was followed"
        case 1..<4096: return "\(access) through a NULL-based pointer (address \(pointer))"
        default: return "\(access) through \(symbols.value(pointer)), which is not a pointer to an object"
        }
    }

    /// Writing into an rcu_head that call_rcu has queued corrupts RCU's list.
    func checkQueuedHeadWrite(_ cell: Int, _ state: MachineState) -> Violation? {
        let count = Int(state[layout.queueBase])
        guard count > 0 else { return nil }
        for entry in 0..<count {
            let head = state[layout.queueEntry(entry), .head]
            guard let object = ValueEncoding.object(of: head) else { continue }
            let headCell = program.objects[object].base + ValueEncoding.offset(of: head)
            if cell >= headCell && cell < headCell + KernelStructs.RCUHead.size {
                return Violation(.unionMisuse, "write to \(symbols.cell(cell)) while \(symbols.value(head, pointee: .aggregate(TypeTable.rcuHead))) is queued by call_rcu (the rcu_head overlays it)", object: object)
            }
        }
        return nil
    }

    // MARK: Loads

    /// Loads the cell `pointer` designates.
    func load(_ pointer: Int64, _ ordering: AccessOrdering, as role: MemoryAccess.Role = .data, noted: Bool = true,
              _ state: inout MachineState, _ step: inout Step) throws(Violation) -> Int64 {
        let cell = try resolve(pointer, for: .read, as: role, state)
        return load(cell: cell, ordering, as: role, noted: noted, &state, &step)
    }

    @inline(__always)
    func load(cell: Int, _ ordering: AccessOrdering, as role: MemoryAccess.Role = .data, noted: Bool = true,
              _ state: inout MachineState, _ step: inout Step) -> Int64 {
        let value = memory.load(cell: cell, ordering: ordering, role: role, state: &state, step: &step)
        step.record(MemoryAccess(.read, .cell(cell), role: role, ordering: OrderingClass(ordering), value: value))
        let cpu = step.cpu
        if noted { step.note(.read, "read \(symbols.cell(cell)) = \(symbols.value(value, in: cell))\(remark(on: .read, as: role, cell: cell, cpu: cpu, state))") }
        return value
    }

    // MARK: Stores

    /// Stores into the cell `pointer` designates; a data store into an
    /// rcu_head that call_rcu has queued is union misuse. Returns the cell.
    @discardableResult
    func store(_ pointer: Int64, _ value: Int64, _ ordering: AccessOrdering, as role: MemoryAccess.Role = .data, noted: Bool = true,
               _ state: inout MachineState, _ step: inout Step) throws(Violation) -> Int {
        let cell = try resolve(pointer, for: .write, as: role, state)
        if role == .data, let violation = checkQueuedHeadWrite(cell, state) { throw violation }
        store(cell: cell, value, ordering, as: role, noted: noted, &state, &step)
        return cell
    }

    @inline(__always)
    func store(cell: Int, _ value: Int64, _ ordering: AccessOrdering, as role: MemoryAccess.Role = .data, noted: Bool = true,
               _ state: inout MachineState, _ step: inout Step) {
        memory.store(cell: cell, value: value, ordering: ordering, role: role, state: &state, step: &step)
        step.record(MemoryAccess(.write, .cell(cell), role: role, ordering: OrderingClass(ordering), value: value))
        let cpu = step.cpu
        if noted { step.note(.write, "write \(symbols.cell(cell)) = \(symbols.value(value, in: cell))\(remark(on: .write, as: role, cell: cell, cpu: cpu, state))") }
    }

    // MARK: Read-modify-writes

    /// What an atomic update of a cell came to.
    struct Update {
        var cell: Int
        var old: Int64
        /// What it stored; nil when a conditional update failed and only read.
        var new: Int64?
    }

    /// Atomically updates the cell `pointer` designates with `transform`,
    /// which returns nil to fail (a conditional RMW); a data update of a
    /// queued rcu_head is union misuse.
    @discardableResult
    func update(_ pointer: Int64, _ ordering: RMWOrdering, as role: MemoryAccess.Role = .data, noted: Bool = true,
                _ state: inout MachineState, _ step: inout Step, _ transform: (Int64) -> Int64?) throws(Violation) -> Update {
        let cell = try resolve(pointer, for: .update, as: role, state)
        if role == .data, let violation = checkQueuedHeadWrite(cell, state) { throw violation }
        return update(cell: cell, ordering, as: role, noted: noted, &state, &step, transform)
    }

    @inline(__always)
    @discardableResult
    func update(cell: Int, _ ordering: RMWOrdering, as role: MemoryAccess.Role = .data, noted: Bool = true,
                _ state: inout MachineState, _ step: inout Step, _ transform: (Int64) -> Int64?) -> Update {
        let (old, new) = memory.rmw(cell: cell, ordering: ordering, role: role, state: &state, step: &step, transform)
        step.record(MemoryAccess(new == nil ? .failedUpdate : .update, .cell(cell), role: role,
                                 ordering: OrderingClass(ordering, succeeded: new != nil), value: old, newValue: new))
        if noted { noteUpdate(cell: cell, old: old, new: new, &step) }
        return Update(cell: cell, old: old, new: new)
    }

    /// The memory model's word on an access, as the end of its trace line.
    func remark(on kind: MemoryAccess.Kind, as role: MemoryAccess.Role = .data, cell: Int, cpu: Int, _ state: MachineState) -> String {
        memory.remark(on: kind, as: role, cell: cell, cpu: cpu, in: state).map { " (\($0))" } ?? ""
    }

    private func noteUpdate(cell: Int, old: Int64, new: Int64?, _ step: inout Step) {
        if let new, new == old {
            step.note(.update, "\(symbols.cell(cell)) = \(symbols.value(old, in: cell)) (unchanged)")
        } else if let new {
            step.note(.update, "\(symbols.cell(cell)): \(symbols.value(old, in: cell)) -> \(symbols.value(new, in: cell))")
        } else {
            step.note(.read, "read \(symbols.cell(cell)) = \(symbols.value(old, in: cell)) (unchanged)")
        }
    }
}
