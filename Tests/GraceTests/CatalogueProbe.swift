import GraceFrontend

/// Calls of catalogue primitives with arguments of their signatures' types,
/// in a model that declares one object of every kernel type they take.
enum CatalogueProbe {
    static let prelude = """
        C catalogue-probe
        struct holder { struct list_head node; int value; struct hlist_node hnode; struct rcu_head rcu; };
        {
        \tstruct page pg; struct page pt; atomic_t a; atomic_long_t al; atomic64_t a64; spinlock_t lock; struct mm_struct mm;
        \tpmd_t pmd = pt; pte_t pte; struct list_head list; unsigned long word; int x; struct holder h;
        \tstruct srcu_struct ss; struct mutex mx; refcount_t rc; struct kref kr; struct hlist_head hh; struct hlist_node hn;
        \tstruct mmu_gather tlb; struct rw_semaphore rws;
        """

    static let body = """
        void cb(struct rcu_head *head) { }
        P0(int *x)
        {
        \tunsigned long flags = 0;
        \tint old = 0;
        \tspinlock_t *ptl;
        \tstruct holder *pos;
        """

    /// A model that uses every name in `names`: calls in P0, initialisers in
    /// the init block, loops as statements.
    static func model(calling names: [String]) -> String {
        var initialisers: [String] = []
        var statements: [String] = []
        for (number, name) in names.enumerated() {
            guard let entry = PrimitiveCatalogue.entry(named: name) else { continue }
            let use = "\(name)(\(arguments(for: entry).joined(separator: ", ")))"
            switch entry.form {
            case .call: statements.append("\t\(use);")
            case .statement: statements.append("\t\(use) { }")
            case .initializer: initialisers.append("\tatomic_t initial\(number) = \(use);")
            }
        }
        return prelude + "\n" + initialisers.joined(separator: "\n") + "\n}\n" + body + "\n" + statements.joined(separator: "\n") + "\n}\n"
    }

    /// One argument per parameter, of the type the parameter's kind checks.
    static func arguments(for entry: PrimitiveEntry) -> [String] {
        let parameters = entry.signature.parameters
        let namesAMember = parameters.contains { if case .member = $0.kind { return true } else { return false } }
        let namesAType = parameters.contains { if case .type = $0.kind { return true } else { return false } }
        return parameters.map { parameter in
            switch parameter.kind {
            case .pointer(let target): return pointer(to: target)
            case .integer: return "1"
            case .value: return namesAType ? "&h.node" : namesAMember ? (entry.form == .statement ? "pos" : "&h") : "x"
            case .locating, .stored, .unevaluated: return "0"
            case .address: return "x"
            case .entry(let type): return type == .pmd ? "pmd" : "pte"
            case .place: return "x"
            case .callback: return "cb"
            case .outLocal(let type, _, _): return type.hasSuffix("**") ? "&ptl" : "flags"
            case .expectedLocal: return "&old"
            case .constant(_, let range, _): return String(range?.lowerBound ?? 0)
            case .type: return "struct holder"
            case .member:
                if parameters.contains(where: { if case .pointer(.hlistHead) = $0.kind { return true } else { return false } }) { return "hnode" }
                return entry.name.hasSuffix("free_rcu") ? "rcu" : "node"
            }
        }
    }

    static func pointer(to target: PointerTarget) -> String {
        switch target {
        case .page, .folio, .pgtable: return "&pg"
        case .listHead: return "&list"
        case .rcuHead: return "&pg.rcu_head"
        case .srcu: return "&ss"
        case .mm: return "&mm"
        case .spinlock: return "&lock"
        case .pmd, .tableSlot: return "&pmd"
        case .pte: return "&pte"
        case .atomic(let name): return ["atomic_t": "&a", "atomic_long_t": "&al"][name] ?? "&a64"
        case .word, .lockWord: return "&word"
        case .rwSemaphore: return "&rws"
        case .mutex: return "&mx"
        case .refcount: return "&rc"
        case .kref: return "&kr"
        case .hlistHead: return "&hh"
        case .hlistNode: return "&hn"
        case .mmuGather: return "&tlb"
        case .scalar, .exchangeable: return "&x"
        }
    }
}
