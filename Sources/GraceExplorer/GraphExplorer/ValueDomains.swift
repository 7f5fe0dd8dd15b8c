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
    private var writable: [[Int: [Int64]]] = []
    /// Per thread, the most writes to each cell one run can make; absent
    /// when unbounded (a loop that writes).
    private var maxWrites: [[Int: Int]] = []
    /// Per thread, the cells some loop writes to without bound.
    private var unboundedCells: [Set<Int>] = []
    /// Per thread, the cells it may read.
    private var readable: [Set<Int>] = []
    /// The program's threads (the domains may have one more slot, for callbacks).
    private var threadCount = 0

    /// Why no bound was found, if none was.
    private(set) var failure: String?

    static let stateLimit = 200_000
    static let roundLimit = 64

    /// No domains, for a program the explorer does not run.
    init() {}

    init(program: Program, context: RunnerContext, deadline: SearchDeadline) {
        var known: [Int: Set<Int64>] = [:]
        var round = 0
        let callbacks = Self.callbackEntries(program, context)
        threadCount = program.threads.count
        while true {
            var explorations: [ThreadExploration] = []
            let callbackRunners = callbacks.map { function, head in
                ThreadRunner(thread: program.threads.count, cpu: 0, level: .softirq, function: function, locals: [head], program: program)
            }
            for runner in program.threads.map({ ThreadRunner(thread: $0, program: program) }) + callbackRunners {
                var exploration = ThreadExploration(start: runner, program: program, context: context, known: known, deadline: deadline)
                if let limit = exploration.run() {
                    failure = limit
                    return
                }
                explorations.append(exploration)
            }
            // Every callback thread shares one domain, the union of what any
            // callback can write: which one a call_rcu queues is known only
            // while exploring.
            let threads = program.threads.count
            let merged = explorations[threads...].reduce(into: ThreadExploration.Summary()) { $0.merge($1.summary) }
            let summaries = explorations[..<threads].map(\.summary) + (callbacks.isEmpty ? [] : [merged])
            writable = summaries.map { summary in summary.written.mapValues { $0.sorted() } }
            maxWrites = summaries.map(\.maxWrites)
            unboundedCells = summaries.map(\.unboundedCells)
            readable = summaries.map(\.read)
            // A callback thread runs once per call_rcu, a write of an
            // rcu_head's mark by the program's threads; a callback that
            // queues callbacks itself leaves no bound, and the rounds must
            // converge.
            var totalWrites: Int? = explorations[..<threads].reduce(0) { sum, exploration in
                guard let sum, let longest = exploration.summary.longestRun else { return nil }
                return sum + longest
            }
            if !callbacks.isEmpty {
                let requeues = merged.written.values.contains { $0.contains(ValueEncoding.rcuQueuedMarker) }
                let marks = program.rcuHeadCells.map { $0 + KernelStructs.RCUHead.next }
                let queued: Int? = explorations[..<threads].reduce(0) { sum, exploration in
                    marks.reduce(sum) { sum, mark in
                        guard let sum else { return nil }
                        if exploration.summary.unboundedCells.contains(mark) { return nil }
                        return sum + (exploration.summary.maxWrites[mark] ?? 0)
                    }
                }
                totalWrites = requeues ? nil : totalWrites.flatMap { sum in
                    queued.flatMap { count in merged.longestRun.map { sum + count * $0 } }
                }
            }
            var grown = false
            for exploration in explorations {
                for (cell, values) in exploration.summary.written where !values.isSubset(of: known[cell] ?? [context.initialValue(of: cell)]) {
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


    /// Whether the program queues RCU callbacks, whose threads have a domain.
    var hasCallbacks: Bool { writable.count > threadCount }

    /// The slot of `thread` in the domains: RCU callback threads, created
    /// while exploring, share the last.
    private func slot(_ thread: Int) -> Int { min(thread, writable.count - 1) }

    /// The values `thread` may write to `cell`, ascending; nil when none.
    func values(writtenBy thread: Int, at cell: Int) -> [Int64]? { writable[slot(thread)][cell] }

    /// The most writes to `cell` one run of `thread` makes; nil when unbounded or none.
    func maxWrites(by thread: Int, at cell: Int) -> Int? { maxWrites[slot(thread)][cell] }

    func writesWithoutBound(_ thread: Int, at cell: Int) -> Bool { unboundedCells[slot(thread)].contains(cell) }

    /// A thread for each function call_rcu may queue (a function whose
    /// address the program takes) with each rcu_head it may be given: the
    /// callback threads' domain is the union of theirs.
    private static func callbackEntries(_ program: Program, _ context: RunnerContext) -> [(function: Int, head: Int64)] {
        var functions = Set<Int>()
        for function in program.functions {
            for instruction in function.code {
                if case .push(let value) = instruction, let index = ValueEncoding.functionIndex(of: value), index < program.functions.count,
                   program.functions[index].localCount > 0 {
                    functions.insert(index)
                }
            }
        }
        let calls = program.functions.contains { function in
            function.code.contains { instruction in
                if case .primitive(.rcu(.call(.normal))) = instruction { return true }
                return false
            }
        }
        guard calls else { return [] }
        let heads = program.rcuHeadCells.compactMap { cell -> Int64? in
            guard let object = context.symbols.object(ofCell: cell) else { return nil }
            return ValueEncoding.pointer(object: object, generation: 0, offset: cell - program.objects[object].base)
        }
        return functions.sorted().flatMap { function in
            heads.map { (function, $0) }
        }
    }

    /// An order to run the threads in that lets reads find their writes in
    /// the graph rather than promise them: each next thread is the one with
    /// the fewest cells it reads and a thread still to run writes.
    var schedule: [Int] {
        var remaining = Array(writable.indices.prefix(threadCount))
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
    /// What a thread can do to memory, over every run.
    struct Summary {
        var written: [Int: Set<Int64>] = [:]
        var read: Set<Int> = []
        var maxWrites: [Int: Int] = [:]
        var unboundedCells: Set<Int> = []
        /// The most writes of any cell one run makes; nil when unbounded.
        var longestRun: Int? = 0

        /// Adds what another thread can do, as one thread that may do either.
        mutating func merge(_ other: Summary) {
            written.merge(other.written) { $0.union($1) }
            read.formUnion(other.read)
            maxWrites.merge(other.maxWrites, uniquingKeysWith: max)
            unboundedCells.formUnion(other.unboundedCells)
            longestRun = longestRun.flatMap { mine in other.longestRun.map { max(mine, $0) } }
        }
    }

    let start: ThreadRunner
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

    var summary: Summary {
        Summary(written: written, read: read, maxWrites: maxWrites, unboundedCells: unboundedCells, longestRun: longestRun)
    }

    init(start: ThreadRunner, program: Program, context: RunnerContext, known: [Int: Set<Int64>], deadline: SearchDeadline) {
        self.start = start
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
        stack.append((start, node(start)))
        while let (runner, from) = stack.popLast() {
            if let reason = deadline.exceeded(after: "\(nodes.count) local states of P\(start.thread), bounding the values threads write") {
                return reason
            }
            for (next, writes) in successors(of: runner) {
                let count = nodes.count
                let to = node(next)
                edges[from].append((to, writes))
                if nodes.count > count { stack.append((next, to)) }
                if nodes.count > ValueDomains.stateLimit { return "thread P\(start.thread) has more than \(ValueDomains.stateLimit) local states" }
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
        case .free(let object, _):
            let info = program.objects[object]
            let refcount = info.base + KernelStructs.Page.refcount
            read.formUnion([refcount, info.base + KernelStructs.Page.flags, context.lifetimeCell(of: object)])
            for references in values(of: refcount) where references > 0 { record(refcount, references - 1) }
            record(context.lifetimeCell(of: object), 0)
            return [(runner, [refcount, context.lifetimeCell(of: object)])]
        case .callRCU(let headCell, _, _, _):
            let marker = headCell + KernelStructs.RCUHead.next
            read.insert(marker)
            // The queued mark, and the callback's dequeue.
            record(marker, ValueEncoding.rcuQueuedMarker)
            record(marker, 0)
            return [(runner, [marker])]
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
