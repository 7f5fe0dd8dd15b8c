import GraceFrontend
import GraceSemantics

/// What each thread can write, over-approximated before exploring: for every
/// cell the values any execution can write there, and for every thread the
/// writes it can make and how many at most in one run.
///
/// The explorer lets a read take its value from a write that is not in the
/// graph yet (load buffering); the read then promises a value, and these are
/// the values worth promising. They are found as herd7 finds values, from the
/// initial values up: round k runs every thread alone, its reads returning
/// any value known after round k-1, and collects what it writes. A value
/// needing a chain of k writes to derive needs k writes in one execution, so
/// once the rounds outnumber the writes an execution can make, no value is
/// missing even if the rounds have not converged (counters).
struct ValueDomains: Sendable {
    /// Per thread, the values it may write to each cell, ascending.
    private(set) var writable: [[Int: [Int64]]] = []
    /// Per thread, the most writes to each cell one run can make; absent
    /// when unbounded (a loop that writes).
    private(set) var maxWrites: [[Int: Int]] = []
    /// Per thread, the cells some loop writes to without bound.
    private(set) var unboundedCells: [Set<Int>] = []
    /// Per thread, the cells it may read.
    private(set) var readable: [Set<Int>] = []

    /// Why no bound was found, if none was.
    private(set) var failure: String?

    static let stateLimit = 200_000
    static let roundLimit = 64

    /// No domains, for a program the explorer does not run.
    init() {}

    init(program: Program, context: RunnerContext, deadline: SearchDeadline) {
        var known: [Int: Set<Int64>] = [:]
        var round = 0
        while true {
            var explorations: [ThreadExploration] = []
            for entry in program.threads {
                var exploration = ThreadExploration(entry: entry, program: program, context: context, known: known, deadline: deadline)
                if let limit = exploration.run() {
                    failure = limit
                    return
                }
                explorations.append(exploration)
            }
            writable = explorations.map { exploration in exploration.written.mapValues { $0.sorted() } }
            maxWrites = explorations.map(\.maxWrites)
            unboundedCells = explorations.map(\.unboundedCells)
            readable = explorations.map(\.read)
            let totalWrites: Int? = explorations.reduce(0) { sum, exploration in
                guard let sum, let longest = exploration.longestRun else { return nil }
                return sum + longest
            }
            var grown = false
            for exploration in explorations {
                for (cell, values) in exploration.written where !values.isSubset(of: known[cell] ?? [context.initialValue(of: cell)]) {
                    known[cell, default: [context.initialValue(of: cell)]].formUnion(values)
                    grown = true
                }
            }
            if !grown { return }
            if let totalWrites, totalWrites <= round { return }
            round += 1
            if round > Self.roundLimit {
                failure = "the values threads write could not be bounded after \(Self.roundLimit) rounds"
                return
            }
        }
    }


    /// An order to run the threads in that lets reads find their writes in
    /// the graph rather than promise them: each next thread is the one with
    /// the fewest cells it reads and a thread still to run writes.
    var schedule: [Int] {
        var remaining = Array(writable.indices)
        var order: [Int] = []
        while !remaining.isEmpty {
            let waits = remaining.map { thread in
                readable[thread].filter { cell in remaining.contains { $0 != thread && writable[$0][cell] != nil } }.count
            }
            let next = waits.indices.min { waits[$0] < waits[$1] }!
            order.append(remaining.remove(at: next))
        }
        return order
    }
}

/// One thread's reachable local states with reads returning any known value:
/// a graph whose edges are steps labelled with the writes they make.
private struct ThreadExploration {
    let entry: ThreadEntry
    let program: Program
    let context: RunnerContext
    let known: [Int: Set<Int64>]
    let deadline: SearchDeadline

    private(set) var written: [Int: Set<Int64>] = [:]
    private(set) var read: Set<Int> = []
    private(set) var maxWrites: [Int: Int] = [:]
    private(set) var unboundedCells: Set<Int> = []
    /// The most writes of any cell one run makes; nil when unbounded.
    private(set) var longestRun: Int?
    /// A limit of Grace a step ran into (a loop that runs too long alone).
    private var limit: String?

    private var nodes: [[Int64]: Int] = [:]
    /// Per node: (successor, cells written on the way).
    private var edges: [[(Int, [Int])]] = []

    init(entry: ThreadEntry, program: Program, context: RunnerContext, known: [Int: Set<Int64>], deadline: SearchDeadline) {
        self.entry = entry
        self.program = program
        self.context = context
        self.known = known
        self.deadline = deadline
    }

    private func values(of cell: Int) -> [Int64] {
        (known[cell] ?? [context.initialValue(of: cell)]).sorted()
    }

    /// Explores every state; names the limit it ran into, if one.
    mutating func run() -> String? {
        var stack: [(ThreadRunner, Int)] = []
        let start = ThreadRunner(thread: entry, program: program)
        stack.append((start, node(start)))
        while let (runner, from) = stack.popLast() {
            if let reason = deadline.exceeded(after: "\(nodes.count) local states of P\(entry.index), bounding the values threads write") {
                return reason
            }
            for (next, writes) in successors(of: runner) {
                let count = nodes.count
                let to = node(next)
                edges[from].append((to, writes))
                if nodes.count > count { stack.append((next, to)) }
                if nodes.count > ValueDomains.stateLimit { return "thread P\(entry.index) has more than \(ValueDomains.stateLimit) local states" }
            }
            if let limit { return limit }
        }
        computeBounds()
        return nil
    }

    private mutating func node(_ runner: ThreadRunner) -> Int {
        let key = runner.localSnapshot(ignoringDeadLocals: context.flow)
        if let existing = nodes[key] { return existing }
        nodes[key] = edges.count
        edges.append([])
        return edges.count - 1
    }

    /// The states one step of the thread leads to, each with the cells it wrote.
    private mutating func successors(of state: ThreadRunner) -> [(ThreadRunner, [Int])] {
        var runner = state
        switch runner.next(context) {
        case .finished, .violation:
            return []
        case .limitReached(let reason):
            limit = reason
            return []
        case .awaitIteration:
            // Back at a loop head with nothing changed: the runner stands
            // where an earlier state of the same snapshot stood, so the
            // exploration does not go round this loop again (running on
            // here instead never ends for a loop that touches no memory).
            return [(runner, [])]
        case .read(let cell, _, let bit, _):
            read.insert(cell)
            return values(of: cell).map { value in
                var next = runner
                next.completeRead(bit.map { value & $0 != 0 ? 1 : 0 } ?? value, event: 0)
                return (next, [])
            }
        case .write(let cell, let value, _, _):
            record(cell, value)
            return [(runner, [cell])]
        case .fence:
            return [(runner, [])]
        case .atomic(let atomic):
            read.insert(atomic.cell)
            return values(of: atomic.cell).map { old in
                var next = runner
                let (written, returned) = atomic.outcome(reading: old)
                if let returned { next.completeRead(returned, event: 0) }
                guard let written else { return (next, []) }
                record(atomic.cell, written)
                return (next, [atomic.cell])
            }
        case .lock(let cell, let operation, _):
            read.insert(cell)
            return lockSuccessors(runner, cell, operation)
        case .choose(let count):
            return (0..<count).map { value in
                var next = runner
                next.push(TaintedValue(Int64(value)))
                return (next, [])
            }
        }
    }

    private mutating func lockSuccessors(_ runner: ThreadRunner, _ cell: Int, _ operation: LockOperation) -> [(ThreadRunner, [Int])] {
        var next = runner
        switch operation {
        case .lock:
            next.acquire(cell)
            record(cell, 1)
            return [(next, [cell])]
        case .unlock:
            guard next.release(cell) else { return [] }
            record(cell, 0)
            return [(next, [cell])]
        case .tryLock:
            var taken = runner
            taken.acquire(cell)
            taken.push(TaintedValue(1))
            record(cell, 1)
            next.push(TaintedValue(0))
            return [(taken, [cell]), (next, [])]
        case .isLocked:
            var locked = runner
            locked.push(TaintedValue(1))
            next.push(TaintedValue(0))
            return [(locked, []), (next, [])]
        default:
            return []
        }
    }

    private mutating func record(_ cell: Int, _ value: Int64) {
        written[cell, default: []].insert(value)
    }

    /// Longest runs by cell over the graph's strongly connected components:
    /// a component with an internal edge that writes a cell writes it
    /// without bound; elsewhere the counts add up along paths.
    private mutating func computeBounds() {
        let components = StronglyConnectedComponents(edges: edges.map { $0.map(\.0) })
        var unboundedTotal = false
        for (from, outgoing) in edges.enumerated() {
            for (to, cells) in outgoing where components.component[from] == components.component[to] && !cells.isEmpty {
                unboundedCells.formUnion(cells)
                unboundedTotal = true
            }
        }
        // Components come out in reverse topological order: successors first.
        var best = Array(repeating: [Int: Int](), count: components.count)
        var longest = Array(repeating: 0, count: components.count)
        for component in 0..<components.count {
            for from in components.members[component] {
                for (to, cells) in edges[from] where components.component[to] != component {
                    var counts = best[components.component[to]]
                    for cell in cells { counts[cell, default: 0] += 1 }
                    best[component].merge(counts, uniquingKeysWith: max)
                    longest[component] = max(longest[component], longest[components.component[to]] + cells.count)
                }
            }
        }
        let root = components.component[0]
        maxWrites = best[root].filter { !unboundedCells.contains($0.key) }
        longestRun = unboundedTotal ? nil : longest[root]
    }
}
