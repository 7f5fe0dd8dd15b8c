/// Tarjan's strongly connected components, iteratively; components are
/// numbered in reverse topological order (a component's successors first).
struct StronglyConnectedComponents {
    private(set) var component: [Int]
    private(set) var members: [[Int]] = []
    var count: Int { members.count }

    init(edges: [[Int]]) {
        let size = edges.count
        component = Array(repeating: -1, count: size)
        var index = Array(repeating: -1, count: size)
        var low = Array(repeating: 0, count: size)
        var onStack = Array(repeating: false, count: size)
        var stack: [Int] = []
        var counter = 0
        for root in 0..<size where index[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let next = edges[node][edge]
                    if index[next] < 0 {
                        index[next] = counter; low[next] = counter; counter += 1
                        stack.append(next); onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        low[node] = min(low[node], index[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[node]) }
                if low[node] == index[node] {
                    var group: [Int] = []
                    while true {
                        let member = stack.removeLast()
                        onStack[member] = false
                        component[member] = members.count
                        group.append(member)
                        if member == node { break }
                    }
                    members.append(group)
                }
            }
        }
    }
}
