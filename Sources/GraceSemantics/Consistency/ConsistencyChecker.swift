import GraceFrontend

/// A memory model as a judge of execution graphs (GenMC's
/// `ConsistencyChecker`): which graphs are executions the model allows.
///
/// Almost every axiom is an emptiness, irreflexivity or acyclicity test of a
/// relation that only grows as events and edges are added (at the ends of
/// threads), so a partial graph that breaks one has no consistent extension:
/// the explorer prunes with the same test it applies to complete graphs. The
/// few that a later event can satisfy (a lock not released yet, a reader not
/// ended yet) are only tested on complete graphs. A checker holds no state
/// between calls.
public protocol ConsistencyChecker: Sendable {
    var kind: MemoryModelKind { get }

    /// The name of the first axiom the graph breaks (the `as` name of the
    /// .cat), or nil when the graph is consistent. For a partial graph
    /// (`complete` false), only axioms no extension can repair are tested.
    func violatedAxiom(in relations: GraphRelations, complete: Bool) -> String?

    /// The flags (herd7's `flag ~empty ...`) a consistent complete execution
    /// raises, by name, such as `data-race`.
    func flags(of relations: GraphRelations) -> [String]

    /// For a complete graph: nil when it is inconsistent, else its flags
    /// (one pass where a model computes both together).
    func flagsIfConsistent(_ relations: GraphRelations) -> [String]?

    /// For a consistent complete graph flagged `use-after-free`: an access
    /// to an object and its free (the accesses of its lifetime location)
    /// that race.
    func lifetimeRace(in relations: GraphRelations) -> (EventID, EventID)?
}

extension ConsistencyChecker {
    /// The first axiom a complete graph breaks.
    public func violatedAxiom(in relations: GraphRelations) -> String? {
        violatedAxiom(in: relations, complete: true)
    }

    public func isConsistent(_ graph: ExecutionGraph) -> Bool {
        violatedAxiom(in: GraphRelations(graph)) == nil
    }

    public func flags(of relations: GraphRelations) -> [String] { [] }

    public func flagsIfConsistent(_ relations: GraphRelations) -> [String]? {
        violatedAxiom(in: relations) == nil ? flags(of: relations) : nil
    }

    public func lifetimeRace(in relations: GraphRelations) -> (EventID, EventID)? { nil }
}

/// The checker of each memory model.
public enum ConsistencyCheckers {
    /// `lifetimeBase`: the first location of the objects' lifetimes, if the
    /// graphs have them.
    public static func checker(for kind: MemoryModelKind, config: ModelConfig = ModelConfig(), lifetimeBase: Int = .max) -> any ConsistencyChecker {
        switch kind {
        case .sc: return SCConsistency(lockHoldersAreReaders: config.rcu == .consolidated)
        case .tso: return TSOConsistency()
        case .lkmm: return LKMMConsistency(lifetimeBase: lifetimeBase)
        }
    }
}
