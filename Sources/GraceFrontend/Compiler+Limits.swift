/// The limits of `LanguageLimits` that only the whole program shows: how
/// deep types and call chains go, how large the state grows. Checked once,
/// so that the recursive passes over types and the call graph stay shallow.
extension Compiler {
    static let typeNestingMessage = "type nests too deep: pointer stars, array dimensions and structs within structs nest at most \(LanguageLimits.typeNesting) levels"

    /// Levels a recursive walk over a type goes down: one per pointer star
    /// and array dimension, plus the depth of the struct at the bottom.
    /// Recursive, but over types `resolveType` has already bounded.
    func nestingDepth(of type: CType) -> Int {
        switch type {
        case .pointer(let inner): return 1 + nestingDepth(of: inner)
        case .array(let element, _): return 1 + nestingDepth(of: element)
        case .aggregate(let id): return aggregateDepths[id] ?? 1
        default: return 0
        }
    }

    /// Rejects recursion and call chains longer than `LanguageLimits.callDepth`,
    /// the bound that keeps the frame and stack-memory passes shallow.
    func checkCallGraph() {
        // 0: not visited yet; -1: on the current path; n > 0: the longest chain of calls from here.
        var chain = Array(repeating: 0, count: functionDecls.count)
        var reported = false
        func visit(_ index: Int, path: [Int]) {
            if chain[index] > 0 || reported { return }
            if chain[index] == -1 {
                reported = true
                let cycle = (path.drop { $0 != index } + [index]).map { functionDecls[$0].name }
                diagnostics.error("recursion is not allowed: \(cycle.joined(separator: " -> "))", at: functionDecls[index].location)
                return
            }
            guard path.count < LanguageLimits.callDepth else {
                reported = true
                reportCallChain(path + [index])
                return
            }
            chain[index] = -1
            let callees = compiledFunctions[index]?.callees ?? []
            for callee in callees {
                visit(callee, path: path + [index])
                if reported { return }
            }
            chain[index] = 1 + (callees.map { chain[$0] }.max() ?? 0)
            if path.count + chain[index] > LanguageLimits.callDepth {
                reported = true
                var longest = path + [index]
                while let next = (compiledFunctions[longest.last!]?.callees ?? []).max(by: { chain[$0] < chain[$1] }) { longest.append(next) }
                reportCallChain(longest)
            }
        }
        for index in functionDecls.indices { visit(index, path: []) }
    }

    private func reportCallChain(_ path: [Int]) {
        let names = path.map { functionDecls[$0].name }
        let shown = names.count > 4 ? names.prefix(2) + ["..."] + names.suffix(2) : names[...]
        diagnostics.error("calls nest too deep (\(shown.joined(separator: " -> "))): a chain of calls is at most \(LanguageLimits.callDepth) deep, the thread or callback included",
                          at: functionDecls[path[0]].location)
    }

    /// Every context holds the values (locals and temporaries) of its
    /// deepest chain of calls; and objects are numbered in 16 bits.
    func checkStateSize(maxValues: Int) {
        if maxValues > LanguageLimits.values {
            let own = { (index: Int) in self.compiledFunctions[index].map { $0.localCount + $0.maxStack } ?? 0 }
            let largest = compiledFunctions.indices.max { own($0) < own($1) }
            diagnostics.error("a chain of calls keeps \(maxValues) locals and temporaries; at most \(LanguageLimits.values) are supported",
                              at: largest.map { functionDecls[$0].location } ?? .unknown)
        }
        if objects.count > LanguageLimits.objects {
            diagnostics.error("a model has at most \(LanguageLimits.objects) objects", at: .unknown)
        }
    }
}
