import GraceFrontend
import GraceSemantics

/// Static facts about each function's code that dependency tracking and
/// await detection need: where the two arms of each conditional branch join
/// again (its immediate post-dominator), and which instructions begin a loop.
///
/// herd7 makes every event inside the arms of an `if` control-dependent on
/// the condition's reads, and nothing after the `if`: the join point is where
/// that control dependency ends.
struct ControlFlow: Sendable {
    /// `joins[function][pc]`: for a conditional jump, the pc where its arms
    /// meet again (the code's length when they only meet at the exit).
    let joins: [[Int]]
    /// `loopHeads[function][pc]`: the target of a backward jump.
    let loopHeads: [[Bool]]
    /// `liveLocals[function][pc]`: the locals the code from `pc` on may
    /// still read (the final condition aside).
    let liveLocals: [[BitSet]]

    init(program: Program) {
        joins = program.functions.map { Self.immediatePostDominators($0.code) }
        liveLocals = program.functions.map { Self.liveLocals($0) }
        loopHeads = program.functions.map { function in
            var heads = Array(repeating: false, count: function.code.count + 1)
            for (pc, instruction) in function.code.enumerated() {
                switch instruction {
                case .jump(let target), .jumpIfFalse(let target), .jumpIfTrue(let target):
                    if target <= pc { heads[target] = true }
                default: break
                }
            }
            return heads
        }
    }

    static func successors(of pc: Int, in code: [Instruction]) -> [Int] {
        switch code[pc] {
        case .jump(let target): return [target]
        case .jumpIfFalse(let target), .jumpIfTrue(let target): return [pc + 1, target]
        case .ret: return [code.count]
        default: return [pc + 1]
        }
    }

    /// Backward liveness of local slots: a slot is live before `pc` when some
    /// path from `pc` loads it before storing it.
    static func liveLocals(_ function: Function) -> [BitSet] {
        let code = function.code
        let slots = max(function.localCount, 1)
        var live = Array(repeating: BitSet(size: slots, full: false), count: code.count + 1)
        var changed = true
        while changed {
            changed = false
            for pc in stride(from: code.count - 1, through: 0, by: -1) {
                var after = BitSet(size: slots, full: false)
                for successor in successors(of: pc, in: code) { after.formUnion(live[min(successor, code.count)]) }
                switch code[pc] {
                case .loadLocal(let slot) where slot < slots: after.insert(slot)
                case .storeLocal(let slot) where slot < slots: after.remove(slot)
                default: break
                }
                if after != live[pc] {
                    live[pc] = after
                    changed = true
                }
            }
        }
        return live
    }

    /// Post-dominators by the classic fixed point over bit sets; the exit is
    /// the node `code.count`. Nodes that never reach the exit keep every node
    /// as a post-dominator, and their branches join only at the exit.
    static func immediatePostDominators(_ code: [Instruction]) -> [Int] {
        let exit = code.count
        let nodes = code.count + 1
        var dominators = Array(repeating: BitSet(size: nodes, full: true), count: nodes)
        dominators[exit] = BitSet(size: nodes, full: false)
        dominators[exit].insert(exit)
        var changed = true
        while changed {
            changed = false
            for pc in stride(from: code.count - 1, through: 0, by: -1) {
                var meet = BitSet(size: nodes, full: true)
                for successor in successors(of: pc, in: code) { meet.formIntersection(dominators[min(successor, exit)]) }
                meet.insert(pc)
                if meet != dominators[pc] {
                    dominators[pc] = meet
                    changed = true
                }
            }
        }
        return (0..<code.count).map { pc in
            let strict = dominators[pc].members.filter { $0 != pc }
            // The nearest strict post-dominator is post-dominated by all the others.
            return strict.first { candidate in dominators[candidate].count == strict.count } ?? exit
        }
    }
}
