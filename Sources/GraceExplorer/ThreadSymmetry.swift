import GraceFrontend
import GraceSemantics

/// Symmetry reduction over interchangeable threads: threads with the same
/// code and the same start (identical RCU walkers) behave alike, so a state
/// and the state with two of them swapped have the same futures up to the
/// swap. The search stores one state per class: the canonical one, with the
/// CPU blocks of each group of interchangeable threads in sorted order.
///
/// Grace finds the groups itself and only where it can show the swap is an
/// automorphism of the machine: see the Reductions section of the
/// Architecture article for what is checked and why that suffices.
struct ThreadSymmetry: Sendable {
    /// Groups of CPUs whose threads are interchangeable, each sorted.
    let groups: [[Int]]
    /// Per function: the function a frame of it is rewritten to, so that
    /// interchangeable threads' entry functions (same code, other names)
    /// read alike.
    private let representative: [Int64]
    private let layout: StateLayout

    /// The symmetry of `program`'s threads, or nil when no two threads are
    /// interchangeable or the model uses what the swap cannot carry.
    init?(program: Program, layout: StateLayout, initial: MachineState) {
        guard program.condition == nil, program.filter == nil, !Self.usesCPUNamedMachinery(program) else { return nil }
        self.layout = layout
        var representative = (0..<program.functions.count).map { Int64($0) }
        var classes: [(code: String, block: [Int64], cpus: [Int])] = []
        for thread in program.threads.sorted(by: { $0.index < $1.index }) where Self.isSwappable(thread.function, in: program) {
            let code = program.functions[thread.function].code.map { String(describing: $0) }.joined(separator: ";")
            var block = Array(initial.words[layout.cpu(thread.index)..<(layout.cpu(thread.index) + layout.cpuSize)])
            let task = layout.context(cpu: thread.index, level: ContextKind.task.rawValue) - layout.cpu(thread.index)
            if block[task + ContextField.frameCount.rawValue] > 0 { block[task + ContextField.frames.rawValue] = -1 }
            if let match = classes.firstIndex(where: { $0.code == code && $0.block == block }) {
                classes[match].cpus.append(thread.index)
                let first = program.threads.first { $0.index == classes[match].cpus[0] }!
                representative[thread.function] = Int64(first.function)
            } else {
                classes.append((code, block, [thread.index]))
            }
        }
        groups = classes.map(\.cpus).filter { $0.count > 1 }
        guard !groups.isEmpty else { return nil }
        self.representative = representative
    }

    /// IPIs, TLB flushes, SRCU and rcu_barrier keep CPUs or contexts by
    /// number in words the swap does not rewrite.
    private static func usesCPUNamedMachinery(_ program: Program) -> Bool {
        program.functions.contains { function in
            function.code.contains { instruction in
                guard case .primitive(let primitive) = instruction else { return false }
                switch primitive {
                case .ipi, .tlb: return true
                case .rcu(let operation):
                    switch operation {
                    case .srcuReadLock, .srcuReadUnlock, .srcuSynchronize, .barrier: return true
                    default: return false
                    }
                default: return false
                }
            }
        }
    }

    /// Whether a thread whose code starts at `entry` keeps nothing that
    /// names its CPU: no locks (a held lock word names its holder's
    /// context), no callbacks or grace periods of its own (queue entries
    /// and waits name CPUs), no stack memory (a CPU's own cells).
    private static func isSwappable(_ entry: Int, in program: Program) -> Bool {
        var seen: Set<Int> = []
        var pending = [entry]
        while let function = pending.popLast() {
            guard seen.insert(function).inserted else { continue }
            guard program.functions[function].frameStackSize == 0 else { return false }
            for instruction in program.functions[function].code {
                switch instruction {
                case .stackAddress: return false
                case .call(let callee, _): pending.append(callee)
                case .primitive(.lock): return false
                case .primitive(.rcu(let operation)):
                    switch operation {
                    case .readLock, .readUnlock: break
                    default: return false
                    }
                default: break
                }
            }
        }
        return true
    }

    /// Rewrites the entry functions of interchangeable threads to their
    /// group's first: their code is the same, so the machine runs alike.
    func normalize(_ state: inout MachineState) {
        for group in groups {
            for cpu in group {
                let task = layout.context(cpu: cpu, level: ContextKind.task.rawValue)
                for frame in 0..<Int(state[task, .frameCount]) {
                    let word = task + ContextField.frames.rawValue + frame * StateLayout.frameSize
                    state[word] = representative[Int(state[word])]
                }
            }
        }
    }

    /// Puts each group's CPU blocks in sorted order, and renames the CPUs
    /// in the words that name them (grace-period masks of callbacks and of
    /// waiting contexts, a callback's CPU) to match. Returns false when the
    /// state was canonical already, and leaves it untouched then.
    func canonicalize(_ state: inout MachineState) -> Bool {
        var moved = false
        for group in groups {
            var order = group
            // Insertion sort, ties kept in CPU order: deterministic, and
            // groups are small.
            for position in 1..<order.count {
                var current = position
                while current > 0 && blockIsLess(order[current], than: order[current - 1], in: state) {
                    order.swapAt(current, current - 1)
                    current -= 1
                }
            }
            guard order != group else { continue }
            moved = true
            apply(order, to: group, &state)
        }
        return moved
    }

    private func blockIsLess(_ a: Int, than b: Int, in state: MachineState) -> Bool {
        let first = layout.cpu(a), second = layout.cpu(b)
        for offset in 0..<layout.cpuSize where state[first + offset] != state[second + offset] {
            return state[first + offset] < state[second + offset]
        }
        return false
    }

    /// Moves the block of CPU `order[i]` to CPU `group[i]`.
    private func apply(_ order: [Int], to group: [Int], _ state: inout MachineState) {
        let blocks = order.map { Array(state.words[layout.cpu($0)..<(layout.cpu($0) + layout.cpuSize)]) }
        for (position, cpu) in group.enumerated() {
            let base = layout.cpu(cpu)
            for offset in 0..<layout.cpuSize { state[base + offset] = blocks[position][offset] }
        }
        var renamed = Array(0..<layout.cpuCount)
        for (position, cpu) in group.enumerated() { renamed[order[position]] = cpu }
        let rename = { (mask: Int64) -> Int64 in
            var result: Int64 = 0
            for cpu in 0..<layout.cpuCount where mask & (1 << Int64(cpu)) != 0 { result |= 1 << Int64(renamed[cpu]) }
            return result
        }
        for entry in 0..<Int(state[layout.queueBase]) {
            let fields = layout.queueEntry(entry)
            state[fields, .waitMask] = rename(state[fields, .waitMask])
            state[fields, .cpu] = Int64(renamed[Int(state[fields, .cpu])])
        }
        for cpu in 0..<layout.cpuCount {
            for level in 0..<StateLayout.contextsPerCPU {
                let context = layout.context(cpu: cpu, level: level)
                switch state[waitKind: context] {
                case .gracePeriodNormal, .gracePeriodSched: state[context, .waitArgument] = rename(state[context, .waitArgument])
                default: break
                }
            }
        }
    }
}
